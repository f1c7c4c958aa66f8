package dev.asyncio4j.http.server;

import dev.asyncio4j.http.internal.PercentCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One path pattern and the routes registered on it, by method: aiohttp's {@code PlainResource}
 * and {@code DynamicResource}. Loop-confined once the application is frozen; built by the
 * {@link Router} before.
 */
final class Resource {
    /*
     * Overview: a plain pattern (no parameters) is matched by the router's hash map on the raw
     * (percent-encoded) path; a dynamic one by its regex, each parameter a capturing group whose
     * index is in `groups` (user regexes may hold groups of their own). Matched values are
     * percent-decoded. Methods are kept in small parallel arrays: a resource has few.
     */

    private static final String DEFAULT_PARAM_RE = "[^{}/]+";

    final String pattern;
    final int order;
    final String plainPath;
    private final Pattern regex;
    private final String[] names;
    private final int[] groups;
    private final List<Route> routes = new ArrayList<>(2);
    // After freeze: the handlers wrapped in the middlewares, parallel to routes.
    private Handler[] wrapped;
    private Handler methodNotAllowed;
    private Handler anyMethod;
    private Route anyRoute;

    Resource(String pattern, int order) {
        if (!pattern.startsWith("/")) {
            throw new IllegalArgumentException("a path pattern starts with '/': '" + pattern + "'");
        }
        this.pattern = pattern;
        this.order = order;
        StringBuilder re = new StringBuilder();
        List<String> paramNames = new ArrayList<>();
        List<Integer> paramGroups = new ArrayList<>();
        int group = 0;
        int i = 0;
        int n = pattern.length();
        while (i < n) {
            int open = pattern.indexOf('{', i);
            if (open < 0) {
                re.append(Pattern.quote(PercentCodec.requote(pattern.substring(i), PercentCodec.PATH)));
                break;
            }
            if (open > i) {
                re.append(Pattern.quote(PercentCodec.requote(pattern.substring(i, open), PercentCodec.PATH)));
            }
            int depth = 0;
            int close = -1;
            for (int j = open; j < n; j++) {
                char c = pattern.charAt(j);
                if (c == '{') {
                    depth++;
                } else if (c == '}' && --depth == 0) {
                    close = j;
                    break;
                }
            }
            if (close < 0) {
                throw new IllegalArgumentException("unbalanced '{' in path pattern '" + pattern + "'");
            }
            String inside = pattern.substring(open + 1, close);
            int colon = inside.indexOf(':');
            String name = colon < 0 ? inside : inside.substring(0, colon);
            String paramRe = colon < 0 ? DEFAULT_PARAM_RE : inside.substring(colon + 1);
            if (!name.matches("[_a-zA-Z][_a-zA-Z0-9]*")) {
                throw new IllegalArgumentException("invalid parameter name '" + name + "' in path pattern '"
                        + pattern + "'");
            }
            if (paramNames.contains(name)) {
                throw new IllegalArgumentException("parameter '" + name + "' appears twice in '" + pattern + "'");
            }
            int ownGroups;
            try {
                ownGroups = Pattern.compile(paramRe).matcher("").groupCount();
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("invalid regex for parameter '" + name + "' in '" + pattern
                        + "': " + e.getDescription(), e);
            }
            paramNames.add(name);
            paramGroups.add(++group);
            group += ownGroups;
            re.append('(').append(paramRe).append(')');
            i = close + 1;
        }
        if (paramNames.isEmpty()) {
            plainPath = PercentCodec.requote(pattern, PercentCodec.PATH);
            regex = null;
            names = new String[0];
            groups = new int[0];
        } else {
            plainPath = null;
            regex = Pattern.compile(re.toString());
            names = paramNames.toArray(String[]::new);
            groups = paramGroups.stream().mapToInt(Integer::intValue).toArray();
        }
    }

    boolean isPlain() {
        return plainPath != null;
    }

    /** The parameters of {@code rawPath}, decoded, or null when it does not match. */
    Map<String, String> match(String rawPath) {
        Matcher m = regex.matcher(rawPath);
        if (!m.matches()) {
            return null;
        }
        if (names.length == 1) {
            return Map.of(names[0], PercentCodec.decode(m.group(groups[0]), false));
        }
        Map<String, String> params = new java.util.LinkedHashMap<>();
        for (int i = 0; i < names.length; i++) {
            params.put(names[i], PercentCodec.decode(m.group(groups[i]), false));
        }
        return java.util.Collections.unmodifiableMap(params);
    }

    Route add(String method, Handler handler) {
        for (Route r : routes) {
            if (r.method().equals(method) || r.method().equals("*")) {
                throw new IllegalArgumentException("Added route will never be executed, method " + method
                        + " is already registered for " + pattern);
            }
        }
        Route route = new Route(method, pattern, handler);
        routes.add(route);
        return route;
    }

    boolean hasMethod(String method) {
        for (Route r : routes) {
            if (r.method().equals(method)) {
                return true;
            }
        }
        return false;
    }

    List<Route> routes() {
        return routes;
    }

    /** Wraps every handler in {@code middlewares} (called once, when the application freezes). */
    void freeze(Middleware[] middlewares) {
        wrapped = new Handler[routes.size()];
        TreeSet<String> allowed = new TreeSet<>();
        for (int i = 0; i < routes.size(); i++) {
            Route route = routes.get(i);
            wrapped[i] = Application.wrap(route.handler(), middlewares);
            if (route.method().equals("*")) {
                anyMethod = wrapped[i];
                anyRoute = route;
            } else {
                allowed.add(route.method());
            }
        }
        List<String> allow = List.copyOf(allowed);
        methodNotAllowed = Application.wrap(request -> {
            throw HttpException.methodNotAllowed(request.method(), allow);
        }, middlewares);
    }

    /** The wrapped handler for {@code method}, setting the request's route; the 405 handler when none. */
    Handler handlerFor(String method, Request request) {
        List<Route> rs = routes;
        for (int i = 0, n = rs.size(); i < n; i++) {
            Route r = rs.get(i);
            String m = r.method();
            if (m == method || m.equals(method)) {
                request.route = r;
                return wrapped[i];
            }
        }
        if (anyMethod != null) {
            request.route = anyRoute;
            return anyMethod;
        }
        return methodNotAllowed;
    }

    @Override
    public String toString() {
        return "Resource[" + pattern + "]";
    }
}
