package dev.asyncio4j.http.server;

import dev.asyncio4j.http.HttpMethod;
import dev.asyncio4j.http.internal.PercentCodec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps a request's method and path to its handler: aiohttp's {@code UrlDispatcher}
 * ({@code app.router}).
 *
 * <pre>{@code
 * Router router = app.router();
 * router.get("/", index);                              // also answers HEAD
 * router.get("/users/{id}", showUser);                 // request.matchInfo().get("id")
 * router.get("/files/{name:.+\\.txt}", showText);      // a parameter with its own regex
 * router.post("/users", createUser);
 * router.route("*", "/echo", echo);                    // any method
 * router.addStatic("/static", Path.of("public"));      // files under public/, sent with sendfile
 * }</pre>
 *
 * <p>Patterns are matched against the percent-encoded path, in the order they were added; a
 * parameter matches one segment ({@code [^{}/]+}) unless given a regex, and its value is
 * decoded. A path no pattern matches is answered 404; a matching path without a route for the
 * method, 405 with {@code Allow} listing the methods it has. Routes are added before the
 * application starts; afterwards the router is frozen. Loop-confined.
 */
public final class Router {
    /*
     * Overview: plain patterns are found by a hash lookup on the raw path; dynamic ones by trying
     * their regexes in order. To keep aiohttp's first-added-wins order, a plain hit is taken only
     * when no dynamic resource added before it matches too (dynamicBefore).
     */

    private final Map<String, Resource> plain = new HashMap<>();
    private final List<Resource> dynamic = new ArrayList<>();
    private final List<Resource> resources = new ArrayList<>();
    private final List<Route> routes = new ArrayList<>();
    private boolean frozen;
    private Handler notFound;

    Router() {
    }

    /**
     * Adds a GET route, and HEAD on the same path unless one exists: aiohttp's {@code add_get}.
     *
     * @param path the path pattern, starting with {@code /}; {@code {name}} and {@code {name:regex}}
     *     parts are parameters
     * @param handler the handler
     * @return the new route
     */
    public Route get(String path, Handler handler) {
        Route route = route(HttpMethod.GET, path, handler);
        if (!resource(path).hasMethod(HttpMethod.HEAD)) {
            route(HttpMethod.HEAD, path, handler);
        }
        return route;
    }

    /**
     * Adds a HEAD route. In aiohttp: {@code router.add_head(path, handler)}.
     *
     * @param path the path pattern, starting with {@code /}; {@code {name}} and {@code {name:regex}}
     *     parts are parameters
     * @param handler the handler
     * @return the new route
     */
    public Route head(String path, Handler handler) {
        return route(HttpMethod.HEAD, path, handler);
    }

    /**
     * Adds a POST route. In aiohttp: {@code router.add_post(path, handler)}.
     *
     * @param path the path pattern, starting with {@code /}; {@code {name}} and {@code {name:regex}}
     *     parts are parameters
     * @param handler the handler
     * @return the new route
     */
    public Route post(String path, Handler handler) {
        return route(HttpMethod.POST, path, handler);
    }

    /**
     * Adds a PUT route. In aiohttp: {@code router.add_put(path, handler)}.
     *
     * @param path the path pattern, starting with {@code /}; {@code {name}} and {@code {name:regex}}
     *     parts are parameters
     * @param handler the handler
     * @return the new route
     */
    public Route put(String path, Handler handler) {
        return route(HttpMethod.PUT, path, handler);
    }

    /**
     * Adds a PATCH route. In aiohttp: {@code router.add_patch(path, handler)}.
     *
     * @param path the path pattern, starting with {@code /}; {@code {name}} and {@code {name:regex}}
     *     parts are parameters
     * @param handler the handler
     * @return the new route
     */
    public Route patch(String path, Handler handler) {
        return route(HttpMethod.PATCH, path, handler);
    }

    /**
     * Adds a DELETE route. In aiohttp: {@code router.add_delete(path, handler)}.
     *
     * @param path the path pattern, starting with {@code /}; {@code {name}} and {@code {name:regex}}
     *     parts are parameters
     * @param handler the handler
     * @return the new route
     */
    public Route delete(String path, Handler handler) {
        return route(HttpMethod.DELETE, path, handler);
    }

    /**
     * Adds a route for {@code method} ({@code "*"} for any): aiohttp's {@code add_route}.
     *
     * @param method the method
     * @param path the path pattern, starting with {@code /}; {@code {name}} and {@code {name:regex}}
     *     parts are parameters
     * @param handler the handler
     * @return the new route
     * @throws IllegalArgumentException for an invalid method or pattern, or a method already
     *     routed on this path
     * @throws IllegalStateException once the application has started
     */
    public Route route(String method, String path, Handler handler) {
        java.util.Objects.requireNonNull(handler, "handler");
        if (frozen) {
            throw new IllegalStateException("Cannot register a route after the application has started: " + path);
        }
        if (!method.equals("*") && !HttpMethod.isValid(method)) {
            throw new IllegalArgumentException("invalid method '" + method + "'");
        }
        Route route = resource(path).add(method.equals("*") ? "*" : canonicalMethod(method), handler);
        routes.add(route);
        return route;
    }

    private static String canonicalMethod(String method) {
        for (String m : new String[] {HttpMethod.GET, HttpMethod.HEAD, HttpMethod.POST, HttpMethod.PUT,
            HttpMethod.PATCH, HttpMethod.DELETE, HttpMethod.OPTIONS, HttpMethod.TRACE, HttpMethod.CONNECT}) {
            if (m.equals(method)) {
                return m;
            }
        }
        return method;
    }

    /**
     * Serves the files under {@code directory} at {@code prefix}: aiohttp's {@code add_static}.
     * {@code GET /static/css/site.css} sends {@code directory/css/site.css} with the loop's
     * sendfile. Paths that leave the directory, directories and missing files are 404 (403 for a
     * directory); {@code If-Modified-Since} is honoured.
     *
     * @param prefix the URL path the files are served under
     * @param directory the directory to serve
     * @return the new route
     * @throws IllegalArgumentException when {@code directory} is not a directory
     */
    public Route addStatic(String prefix, Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException("'" + directory + "' is not a directory");
        }
        String p = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        Handler files = new StaticFiles(directory);
        Route route = route(HttpMethod.GET, p + "/{filename:.*}", files);
        route(HttpMethod.HEAD, p + "/{filename:.*}", files);
        return route;
    }

    /**
     * Every route, in the order added. In aiohttp: {@code router.routes()}.
     *
     * @return every route, in the order added
     */
    public List<Route> routes() {
        return Collections.unmodifiableList(routes);
    }

    private Resource resource(String path) {
        Resource existing = plain.get(PercentCodec.requote(path, PercentCodec.PATH));
        if (existing != null && existing.pattern.equals(path)) {
            return existing;
        }
        for (Resource r : dynamic) {
            if (r.pattern.equals(path)) {
                return r;
            }
        }
        Resource created = new Resource(path, resources.size());
        if (created.isPlain()) {
            plain.putIfAbsent(created.plainPath, created);
        } else {
            dynamic.add(created);
        }
        resources.add(created);
        return created;
    }

    /** Freezes the router and wraps every handler in {@code middlewares}. */
    void freeze(Middleware[] middlewares) {
        frozen = true;
        for (Resource r : resources) {
            r.freeze(middlewares);
        }
        notFound = Application.wrap(request -> {
            throw HttpException.notFound();
        }, middlewares);
    }

    /** The handler (wrapped in the middlewares) for the request; sets its route and match info. */
    Handler resolve(Request request) {
        String rawPath = request.rawPath();
        String key = rawPath.indexOf('%') < 0 ? rawPath : PercentCodec.requote(rawPath, PercentCodec.PATH);
        Resource hit = plain.get(key);
        int limit = hit == null ? Integer.MAX_VALUE : hit.order;
        List<Resource> dyn = dynamic;
        for (int i = 0, n = dyn.size(); i < n; i++) {
            Resource r = dyn.get(i);
            if (r.order > limit) {
                break;
            }
            Map<String, String> params = r.match(key);
            if (params != null) {
                request.matchInfo = params;
                return r.handlerFor(request.method(), request);
            }
        }
        if (hit != null) {
            return hit.handlerFor(request.method(), request);
        }
        return notFound;
    }

    @Override
    public String toString() {
        return "Router[" + routes.size() + " routes" + (frozen ? ", frozen" : "") + "]";
    }
}
