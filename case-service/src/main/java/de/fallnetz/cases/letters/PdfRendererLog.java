package de.fallnetz.cases.letters;

import java.util.logging.Level;

import org.jboss.logging.Logger;

import com.openhtmltopdf.util.Diagnostic;
import com.openhtmltopdf.util.XRLog;
import com.openhtmltopdf.util.XRLogger;

/**
 * Sends openhtmltopdf's log to the service log (category {@code com.openhtmltopdf}) instead of standard error, its
 * chatty INFO lines ("Prepare to fly") as DEBUG, its warnings (e.g. what keeps a document from PDF/UA) as WARN.
 */
final class PdfRendererLog implements XRLogger {

    private static final Logger LOG = Logger.getLogger("com.openhtmltopdf");

    private PdfRendererLog() {
    }

    static void install() {
        if (!(XRLog.getLoggerImpl() instanceof PdfRendererLog)) {
            XRLog.setLoggerImpl(new PdfRendererLog());
        }
    }

    @Override
    public void log(String where, Level level, String msg) {
        LOG.logf(level(level), "%s: %s", where, msg);
    }

    @Override
    public void log(String where, Level level, String msg, Throwable th) {
        LOG.logf(level(level), th, "%s: %s", where, msg);
    }

    @Override
    public void setLevel(String logger, Level level) {
        // The service's log configuration decides.
    }

    @Override
    public boolean isLogLevelEnabled(Diagnostic diagnostic) {
        return LOG.isEnabled(level(diagnostic.getLevel()));
    }

    private static Logger.Level level(Level level) {
        if (level.intValue() >= Level.SEVERE.intValue()) {
            return Logger.Level.ERROR;
        }
        if (level.intValue() >= Level.WARNING.intValue()) {
            return Logger.Level.WARN;
        }
        return level.intValue() >= Level.INFO.intValue() ? Logger.Level.DEBUG : Logger.Level.TRACE;
    }
}
