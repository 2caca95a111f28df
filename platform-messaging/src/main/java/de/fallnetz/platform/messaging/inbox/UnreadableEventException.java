package de.fallnetz.platform.messaging.inbox;

/** A record that no retry can make readable: not a CloudEvent, or data that does not fit its schema. */
public class UnreadableEventException extends RuntimeException {

    public UnreadableEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
