package dev.asyncio4j.http.server;

/**
 * One registered route: aiohttp's {@code ResourceRoute}. Made by the {@link Router}'s methods,
 * listed by {@link Router#routes()}. Immutable.
 *
 * @param method the method it answers ({@code "*"} for any)
 * @param path the path pattern, with {@code {name}} and {@code {name:regex}} parameters
 * @param handler the handler, without the application's middlewares
 */
public record Route(String method, String path, Handler handler) {
    @Override
    public String toString() {
        return "Route[" + method + " " + path + "]";
    }
}
