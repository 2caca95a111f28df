package de.fallnetz.interactions.api;

import java.util.List;

/**
 * One page of the partner's inbox, sorted by due date.
 *
 * @param items the requests
 * @param next the cursor for the next page ({@code after=}); null on the last page
 */
public record InboxPage(List<PartnerRequestResponse> items, String next) {
}
