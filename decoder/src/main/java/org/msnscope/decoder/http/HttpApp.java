package org.msnscope.decoder.http;

/**
 * What is decoded from HTTP exchanges: the MSN HTTP gateway, the SOAP services. A connection is
 * handed to the apps once its first request is one an app {@link #wants}; other HTTP stays quiet.
 */
public interface HttpApp {
    /** True when this app decodes the request (looked at when its head is complete). */
    boolean wants(HttpMessage request);

    /** A request this app wants is over (its body is in {@link HttpMessage#body()}). */
    void request(HttpFlow flow, HttpMessage request);

    /** The response to one of this app's requests is over. */
    void response(HttpFlow flow, HttpMessage request, HttpMessage response);

    /** A connection that carried this app's requests ended. */
    default void flowEnded(HttpFlow flow) {
    }

    /** The capture is over. */
    default void finish() {
    }
}
