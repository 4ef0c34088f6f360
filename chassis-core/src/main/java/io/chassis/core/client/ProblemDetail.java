package io.chassis.core.client;

/**
 * The standard members of an RFC 9457 problem document a downstream answered with; any member may
 * be null.
 *
 * @param type a URI identifying the problem type
 * @param title a short summary
 * @param status the HTTP status the server put in the document
 * @param detail an explanation of this occurrence
 * @param instance a URI of this occurrence
 */
public record ProblemDetail(String type, String title, Integer status, String detail, String instance) {}
