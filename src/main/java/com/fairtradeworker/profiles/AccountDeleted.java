package com.fairtradeworker.profiles;

import java.util.UUID;

/**
 * Published synchronously inside the transaction that deleted an account, after its personal data was erased. Later
 * modules listen to erase what they own (the addresses of the user's jobs, their open jobs and live bids) in the same
 * transaction.
 */
public record AccountDeleted(UUID userId) {}
