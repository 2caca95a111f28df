package de.fallnetz.notifications.delivery;

/** Sends one claimed message through one channel (e-mail, webhook). */
public interface Channel {

    /** The outcome of one attempt; {@code statusCode} is the HTTP status for a webhook, null for e-mail. */
    record Result(boolean delivered, Integer statusCode, String error) {

        public static Result ok(Integer statusCode) {
            return new Result(true, statusCode, null);
        }

        public static Result failed(Integer statusCode, String error) {
            return new Result(false, statusCode, error);
        }
    }

    String name();

    /** Sends the message; never throws (a failure is a result). */
    Result send(ClaimedDelivery delivery);
}
