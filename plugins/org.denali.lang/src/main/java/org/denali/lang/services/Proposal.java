package org.denali.lang.services;

/** A content-assist proposal: replace [offset, offset + length) with text; display and description for the UI. */
public record Proposal(String text, String display, String description, int offset, int length) {
}
