package dev.fhirgateway.gateway.internal.search;

/** One problem with one search parameter; collected so a client learns about all of them at once. */
final class InvalidSearchException extends RuntimeException {

    private final String parameter;

    InvalidSearchException(String parameter, String problem) {
        super(problem);
        this.parameter = parameter;
    }

    String parameter() {
        return parameter;
    }
}
