package de.fallnetz.interactions.domain;

/**
 * What a partner does with a request through the partner API. A policy may allow each act only to some callers (a
 * relocation agency only within the scope of its power of attorney); the core asks before every call.
 */
public enum PartnerAct {
    /** See the request, its data and documents (the inbox and GET). */
    READ,
    /** Take the request, answer it, or say what information is missing. */
    ANSWER,
    /** Upload a document to the request. */
    FILE
}
