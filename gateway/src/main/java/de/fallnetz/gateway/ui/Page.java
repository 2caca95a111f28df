package de.fallnetz.gateway.ui;

/**
 * What every page's frame shows: language, the signed-in clerk, the current path (for the language switch) and a
 * message after a command.
 *
 * @param lang the page's language (de, en)
 * @param clerkName the clerk's display name
 * @param officeId the clerk's office, or null
 * @param teamLead whether the team-lead view is offered
 * @param path the path and query of this page, to come back to after switching the language
 * @param notice a success message, or null
 * @param error a problem to show, or null
 */
public record Page(String lang, String clerkName, String officeId, boolean teamLead, String path, String notice,
        String error) {

    /** The current path and query, URL-encoded for the language switch's return address. */
    public String returnTo() {
        return java.net.URLEncoder.encode(path, java.nio.charset.StandardCharsets.UTF_8);
    }

    Page withNotice(String text) {
        return new Page(lang, clerkName, officeId, teamLead, path, text, error);
    }

    Page withError(String text) {
        return new Page(lang, clerkName, officeId, teamLead, path, notice, text);
    }
}
