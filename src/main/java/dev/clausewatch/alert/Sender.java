package dev.clausewatch.alert;

/** Sends one alert or digest over one kind of channel. */
public interface Sender {
    /** Sends, or throws saying whether trying again later may succeed. */
    void send(Channel channel, Notice notice, String idempotencyKey) throws Failure;

    /** Why a delivery failed; {@code transientFailure} when a later attempt may succeed (5xx, 429, a refused connection). */
    final class Failure extends Exception {
        private final boolean transientFailure;

        public Failure(String message, boolean transientFailure) {
            super(message);
            this.transientFailure = transientFailure;
        }

        public boolean transientFailure() {
            return transientFailure;
        }
    }
}
