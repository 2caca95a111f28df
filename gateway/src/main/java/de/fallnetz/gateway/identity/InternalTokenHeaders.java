package de.fallnetz.gateway.identity;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;

import org.eclipse.microprofile.rest.client.ext.ClientHeadersFactory;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * Puts the caller's internal token on every call to a service, in place of whatever {@code Authorization} the caller
 * sent: the identity provider's token never travels past the gateway.
 */
@ApplicationScoped
public class InternalTokenHeaders implements ClientHeadersFactory {

    private final SecurityIdentity identity;
    private final InternalTokens tokens;

    public InternalTokenHeaders(SecurityIdentity identity, InternalTokens tokens) {
        this.identity = identity;
        this.tokens = tokens;
    }

    @Override
    public MultivaluedMap<String, String> update(MultivaluedMap<String, String> incoming,
            MultivaluedMap<String, String> outgoing) {
        MultivaluedMap<String, String> headers = new MultivaluedHashMap<>();
        headers.putSingle("Authorization", "Bearer " + tokens.sign(Caller.of(identity)));
        return headers;
    }
}
