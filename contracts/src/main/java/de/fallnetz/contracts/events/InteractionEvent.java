package de.fallnetz.contracts.events;

/**
 * An event about one agency interaction of a case: the requests case-service publishes and the answers the
 * interaction services publish all name the interaction, its kind and the partner it is addressed to.
 */
public sealed interface InteractionEvent extends FallnetzEvent permits InteractionRequested, InformationSupplied,
        InteractionCancelled, InteractionDelivered, InteractionClaimed, InteractionInformationRequested,
        InteractionAnswered, InteractionDeemedGranted, InteractionEscalated, InteractionCancellationConfirmed,
        InteractionExpired {

    String interactionId();

    String kind();

    String partnerOrganisation();
}
