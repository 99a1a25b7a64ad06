/**
 * The HTTP side of Rappel on Netty: {@code /health}, {@code /metrics} (Prometheus), and the REST API under
 * {@code /api} ({@link org.rappel.admin.ApiRoutes}).
 *
 * <p>Shape: {@link org.rappel.admin.AdminHttpServer} (bootstrap), {@code AdminHttpHandler} (one per connection:
 * dispatch, answers in request order, 500 instead of a dead socket), {@code RouteTable} (path patterns with
 * {@code {name}} segments), and {@link org.rappel.admin.HttpRoute}s that answer with a future, so that a route
 * waiting for the contact center's or the callback office's thread never blocks an event loop.
 *
 * <p>API security: bearer tokens with roles ({@link org.rappel.admin.ApiRole}), only their SHA-256 kept, compared in
 * constant time ({@code ApiAuthenticator}), never logged; with no token configured, an owner-only generated admin
 * token ({@code AdminTokenFile}). Every error is {@code {"error":{"code","message"}}}.
 *
 * <p>Meters: {@code rappel_api_requests_total{route,status}} (route = the pattern, never the raw path),
 * {@code rappel_api_auth_failures_total{reason}}.
 */
package org.rappel.admin;
