/*
 * netload: the load generator of asyncio4j's network benchmarks (asyncio4j-bench/python/net_bench.py
 * compiles it with gcc and runs it). Written in C with epoll so that the client costs as little
 * CPU per request as the kernel allows and is not what limits the figures.
 *
 *   netload echo --port P [--host 127.0.0.1] [--connections 50] [--size 1024]
 *                [--seconds 10] [--warmup 2] [--steady] [--server-pid PID] [--pin-server CPU]
 *                [--tls]
 *       Opens the connections, then on each one sends a message of `size` bytes and waits for
 *       the whole echo before sending the next. After `warmup` seconds it measures for `seconds`
 *       seconds and prints one JSON object: requests/s, bytes/s (echoed payload), and, when
 *       --server-pid is given, the server process's CPU time over the measured window (utime +
 *       stime from /proc/PID/stat, so every thread of the server: its loop, GC and JIT) per
 *       request; the client's own CPU time per request and utilisation (near 1.0 would mean the
 *       client, not the server, is the limit). With --pin-server (and --server-pid) every thread
 *       of the server may run on every online CPU during the warm-up (a JVM's JIT compiler gets
 *       a core of its own) and is pinned to CPU when it ends; the measurement starts 0.3 s later.
 *       With --steady the warm-up ends early, after 1 s at least, once the last four half-second
 *       slots' rates are within 4 % of their mean (a JIT-compiled server has reached its speed;
 *       one that needs no warm-up gets none); `warmup` is then the longest it may last. The
 *       result says how long the warm-up was (warmup_s). The first 8 bytes of each message carry the
 *       connection's request number and are checked in the echo. With --tls every connection
 *       speaks TLS (OpenSSL; the handshakes are made before the load starts; the server's
 *       certificate is not verified: a benchmark on loopback); netload must have been built with
 *       -DNETLOAD_TLS and -lssl -lcrypto (net_bench.py does when OpenSSL's headers are there).
 *
 *   netload idle --port P [--host 127.0.0.1] [--connections 100000] [--sources 0]
 *                [--window 256] [--hold-seconds 600]
 *       Opens that many connections from the source addresses 127.0.0.2, 127.0.0.3, ... (one per
 *       25,000 connections when --sources is 0, so ephemeral ports never run out), at most
 *       `window` connects in flight, prints {"connected": N, ...} and holds them, idle, until its
 *       standard input closes, it is killed, or `hold-seconds` pass.
 *
 *   netload serve [--host 127.0.0.1]
 *       The ceiling of the echo benchmark: an echo server in C (one thread, epoll) on a port the OS
 *       chooses; prints "port N" and serves until killed. No server written on an event loop
 *       library can beat it on this machine, so it shows how much room the figures leave.
 *
 * Exit status: 0 on success, 1 on a connection or echo error (the message says which), 2 on a
 * usage error. Every connection goes to the given host, which must be a loopback address.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sched.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>
#ifdef NETLOAD_TLS
#include <openssl/err.h>
#include <openssl/ssl.h>
#endif

#ifndef IP_BIND_ADDRESS_NO_PORT
#define IP_BIND_ADDRESS_NO_PORT 24
#endif

#define HEADER 8
#define SCRATCH (256 * 1024)
#define PER_SOURCE 25000

static void die(const char *fmt, ...) {
    va_list args;
    va_start(args, fmt);
    fputs("netload: ", stderr);
    vfprintf(stderr, fmt, args);
    fputc('\n', stderr);
    va_end(args);
    exit(1);
}

static void usage(const char *message) {
    fprintf(stderr, "netload: %s\n"
            "usage: netload echo --port P [--host H] [--connections N] [--size BYTES] [--seconds S]"
            " [--warmup S] [--steady] [--server-pid PID] [--pin-server CPU] [--tls]\n"
            "       netload idle --port P [--host H] [--connections N] [--sources K] [--window W]"
            " [--hold-seconds S]\n"
            "       netload serve [--host H]\n", message);
    exit(2);
}

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* CPU seconds (user + system, every thread) of process `pid`, or -1 if it cannot be read. */
static double process_cpu(long pid) {
    char path[64], text[4096];
    snprintf(path, sizeof path, "/proc/%ld/stat", pid);
    FILE *f = fopen(path, "r");
    if (!f) {
        return -1;
    }
    size_t n = fread(text, 1, sizeof text - 1, f);
    fclose(f);
    text[n] = 0;
    /* The command name may hold spaces and parentheses: fields are counted after the last ')'. */
    char *p = strrchr(text, ')');
    if (!p) {
        return -1;
    }
    unsigned long long utime = 0, stime = 0;
    /* After ')': field 3 (state) ... field 14 utime, field 15 stime. */
    if (sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu", &utime, &stime) != 2) {
        return -1;
    }
    return (double) (utime + stime) / sysconf(_SC_CLK_TCK);
}

static double self_cpu(void) {
    struct rusage usage;
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6
            + usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
}

static void set_nonblocking(int fd) {
    int flags = fcntl(fd, F_GETFL);
    if (flags < 0 || fcntl(fd, F_SETFL, flags | O_NONBLOCK) < 0) {
        die("fcntl: %s", strerror(errno));
    }
}

static void raise_fd_limit(long needed) {
    struct rlimit limit;
    getrlimit(RLIMIT_NOFILE, &limit);
    if ((long) limit.rlim_cur >= needed) {
        return;
    }
    limit.rlim_cur = (long) limit.rlim_max >= needed ? (rlim_t) needed : limit.rlim_max;
    setrlimit(RLIMIT_NOFILE, &limit);
    getrlimit(RLIMIT_NOFILE, &limit);
    if ((long) limit.rlim_cur < needed) {
        die("%ld connections need %ld file descriptors, but the limit is %ld (hard %ld): "
            "raise it with `ulimit -n %ld` (as root if above the hard limit)",
            needed - 64, needed, (long) limit.rlim_cur, (long) limit.rlim_max, needed);
    }
}

/* ------------------------------------------------------------------------------------ echo */

struct conn {
    int fd;
    uint64_t seq;           /* number of the request in flight on this connection */
    size_t sent;            /* bytes of the current message sent */
    size_t received;        /* bytes of its echo received */
    unsigned char header[HEADER];
    int want_write;         /* EPOLLOUT registered */
#ifdef NETLOAD_TLS
    SSL *ssl;               /* with --tls: the connection's TLS session */
    unsigned char *message; /* with --tls: the whole message (header, then body), for SSL_write */
#endif
};

/* What every connection of the echo load shares. */
static struct {
    int ep;
    size_t size;
    unsigned char *body;    /* the message; its first HEADER bytes are replaced by conn.header */
    struct conn *conns;
} load;

/* Sends what is left of c's message (header, then body) and watches for writability if the
 * socket did not take it all. */
#ifdef NETLOAD_TLS
/* OpenSSL's reason for the last failure. */
static const char *tls_error(void) {
    static char text[256];
    unsigned long code = ERR_get_error();
    if (code == 0) {
        return strerror(errno);
    }
    ERR_error_string_n(code, text, sizeof text);
    return text;
}

/* Sends what is left of c's message over TLS; returns when OpenSSL would block. */
static void tls_send_rest(struct conn *c) {
    while (c->sent < load.size) {
        int written = SSL_write(c->ssl, c->message + c->sent, (int) (load.size - c->sent));
        if (written <= 0) {
            int error = SSL_get_error(c->ssl, written);
            if (error == SSL_ERROR_WANT_WRITE || error == SSL_ERROR_WANT_READ) {
                break;
            }
            die("SSL_write: %s", tls_error());
        }
        c->sent += (size_t) written;
    }
}

/* One TLS read into buf: the byte count, 0 at the server's close, -1 when it would block. */
static ssize_t tls_read(struct conn *c, unsigned char *buf, size_t len) {
    int r = SSL_read(c->ssl, buf, (int) len);
    if (r > 0) {
        return r;
    }
    int error = SSL_get_error(c->ssl, r);
    if (error == SSL_ERROR_WANT_READ || error == SSL_ERROR_WANT_WRITE) {
        return -1;
    }
    if (error == SSL_ERROR_ZERO_RETURN) {
        return 0;
    }
    die("SSL_read: %s", tls_error());
    return -1;
}

/* A blocking TLS handshake on a connected socket, before it becomes non-blocking. */
static SSL *tls_connect(SSL_CTX *context, int fd) {
    SSL *ssl = SSL_new(context);
    if (!ssl || !SSL_set_fd(ssl, fd) || !SSL_set_tlsext_host_name(ssl, "localhost")) {
        die("SSL_new: %s", tls_error());
    }
    if (SSL_connect(ssl) != 1) {
        die("TLS handshake: %s", tls_error());
    }
    return ssl;
}
#endif

/* Whether c speaks TLS. */
static int uses_tls(const struct conn *c) {
#ifdef NETLOAD_TLS
    return c->ssl != NULL;
#else
    (void) c;
    return 0;
#endif
}

static void send_rest(struct conn *c) {
#ifdef NETLOAD_TLS
    if (c->ssl) {
        tls_send_rest(c);
    }
#endif
    while (!uses_tls(c) && c->sent < load.size) {
        struct iovec iov[2];
        int n = 0;
        if (c->sent < HEADER) {
            iov[n].iov_base = c->header + c->sent;
            iov[n++].iov_len = HEADER - c->sent;
            iov[n].iov_base = load.body + HEADER;
            iov[n++].iov_len = load.size - HEADER;
        } else {
            iov[n].iov_base = load.body + c->sent;
            iov[n++].iov_len = load.size - c->sent;
        }
        ssize_t written = writev(c->fd, iov, n);
        if (written < 0) {
            if (errno == EAGAIN || errno == EWOULDBLOCK) {
                break;
            }
            die("write: %s", strerror(errno));
        }
        c->sent += (size_t) written;
    }
    int want = c->sent < load.size;
    if (want != c->want_write) {
        struct epoll_event ev = {.events = EPOLLIN | (want ? EPOLLOUT : 0),
                                 .data.u32 = (uint32_t) (c - load.conns)};
        epoll_ctl(load.ep, EPOLL_CTL_MOD, c->fd, &ev);
        c->want_write = want;
    }
}

/* Starts c's next request. */
static void next_request(struct conn *c) {
    c->seq++;
    c->sent = 0;
    c->received = 0;
    memcpy(c->header, &c->seq, HEADER);
#ifdef NETLOAD_TLS
    if (c->ssl) {
        memcpy(c->message, &c->seq, HEADER);
    }
#endif
    send_rest(c);
}

/* One read of c's echo into buf: the byte count, 0 at the server's close, -1 when it would block. */
static ssize_t read_echo(struct conn *c, unsigned char *buf, size_t len) {
#ifdef NETLOAD_TLS
    if (c->ssl) {
        return tls_read(c, buf, len);
    }
#endif
    ssize_t r = read(c->fd, buf, len);
    if (r < 0) {
        if (errno == EAGAIN || errno == EWOULDBLOCK) {
            return -1;
        }
        die("read: %s", strerror(errno));
    }
    return r;
}

/* Sets the CPU affinity of every thread of process pid: to `cpu`, or to every online CPU when
 * cpu is negative. */
static void pin_process(long pid, int cpu) {
    cpu_set_t set;
    CPU_ZERO(&set);
    if (cpu >= 0) {
        CPU_SET(cpu, &set);
    } else {
        long online = sysconf(_SC_NPROCESSORS_ONLN);
        for (long c = 0; c < online && c < CPU_SETSIZE; c++) {
            CPU_SET(c, &set);
        }
    }
    char path[64];
    snprintf(path, sizeof path, "/proc/%ld/task", pid);
    DIR *tasks = opendir(path);
    if (!tasks) {
        die("cannot list the threads of process %ld: %s", pid, strerror(errno));
    }
    struct dirent *entry;
    while ((entry = readdir(tasks)) != NULL) {
        pid_t tid = (pid_t) atol(entry->d_name);
        /* A thread may end meanwhile: not an error. */
        if (tid > 0 && sched_setaffinity(tid, sizeof set, &set) < 0 && errno != ESRCH) {
            die("sched_setaffinity(%d): %s", (int) tid, strerror(errno));
        }
    }
    closedir(tasks);
}

#define SLOT 0.5
#define STEADY_SLOTS 4
#define STEADY_SPREAD 0.04
#define STEADY_MINIMUM 1.0

/* Whether the last STEADY_SLOTS rates are all within STEADY_SPREAD of their mean. */
static int steady_rates(const double *rates) {
    double mean = 0;
    for (int i = 0; i < STEADY_SLOTS; i++) {
        mean += rates[i] / STEADY_SLOTS;
    }
    for (int i = 0; i < STEADY_SLOTS; i++) {
        if (mean <= 0 || rates[i] < mean * (1 - STEADY_SPREAD) || rates[i] > mean * (1 + STEADY_SPREAD)) {
            return 0;
        }
    }
    return 1;
}

static int echo(const char *host, int port, int connections, size_t size, double seconds,
        double warmup, int steady, long server_pid, int pin_server, int tls) {
    if (size < HEADER) {
        usage("--size must be at least 8 bytes");
    }
#ifdef NETLOAD_TLS
    SSL_CTX *context = NULL;
    if (tls) {
        context = SSL_CTX_new(TLS_client_method());
        if (!context) {
            die("SSL_CTX_new: %s", tls_error());
        }
        SSL_CTX_set_verify(context, SSL_VERIFY_NONE, NULL);
        SSL_CTX_set_mode(context, SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
    }
#else
    if (tls) {
        usage("this netload was built without OpenSSL: install libssl-dev and build it again");
    }
#endif
    raise_fd_limit(connections + 64);
    if (pin_server >= 0) {
        pin_process(server_pid, -1);
    }
    load.size = size;
    load.body = malloc(size);
    load.conns = calloc((size_t) connections, sizeof *load.conns);
    unsigned char *scratch = malloc(SCRATCH);
    if (!load.body || !scratch || !load.conns) {
        die("out of memory");
    }
    for (size_t i = 0; i < size; i++) {
        load.body[i] = (unsigned char) ('a' + i % 26);
    }
    struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons(port)};
    if (inet_pton(AF_INET, host, &addr.sin_addr) != 1) {
        usage("--host must be an IPv4 address");
    }
    load.ep = epoll_create1(0);
    for (int i = 0; i < connections; i++) {
        int fd = socket(AF_INET, SOCK_STREAM, 0);
        if (fd < 0) {
            die("socket: %s", strerror(errno));
        }
        if (connect(fd, (struct sockaddr *) &addr, sizeof addr) < 0) {
            die("connect to %s:%d: %s", host, port, strerror(errno));
        }
        int one = 1;
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
#ifdef NETLOAD_TLS
        if (tls) {
            load.conns[i].ssl = tls_connect(context, fd);
            load.conns[i].message = malloc(size);
            if (!load.conns[i].message) {
                die("out of memory");
            }
            memcpy(load.conns[i].message, load.body, size);
        }
#endif
        set_nonblocking(fd);
        load.conns[i].fd = fd;
        struct epoll_event ev = {.events = EPOLLIN, .data.u32 = (uint32_t) i};
        epoll_ctl(load.ep, EPOLL_CTL_ADD, fd, &ev);
    }

    /* The measured window is [window_start, end): requests completed in it count; when it ends
     * the requests in flight are finished (uncounted) and no new ones start. */
    double warm_start = now();
    double measure_from = warm_start + warmup;
    /* The steady-state test: requests completed in the current slot, and the last slots' rates. */
    double slot_start = warm_start;
    uint64_t slot_requests = 0;
    double rates[STEADY_SLOTS];
    int slots = 0;
    double warmed = 0;
    double window_start = 0, end = 0;
    double server_cpu0 = 0, server_cpu1 = 0, client_cpu0 = 0, client_cpu1 = 0;
    enum { WARMING, MEASURING, STOPPING } phase = WARMING;
    uint64_t requests = 0;
    int in_flight = connections;

    for (int i = 0; i < connections; i++) {
        load.conns[i].seq = (uint64_t) -1;
        next_request(&load.conns[i]);
    }
    struct epoll_event events[256];
    while (in_flight > 0) {
        int n = epoll_wait(load.ep, events, 256, 100);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            die("epoll_wait: %s", strerror(errno));
        }
        double t = now();
        if (phase == WARMING && steady && !warmed && t >= slot_start + SLOT) {
            rates[slots++ % STEADY_SLOTS] = slot_requests / (t - slot_start);
            slot_start = t;
            slot_requests = 0;
            if (slots >= STEADY_SLOTS && t - warm_start >= STEADY_MINIMUM && steady_rates(rates)) {
                measure_from = t;
            }
        }
        if (phase == WARMING && t >= measure_from && !warmed) {
            warmed = t - warm_start;
        }
        if (phase == WARMING && t >= measure_from && pin_server >= 0) {
            pin_process(server_pid, pin_server);
            pin_server = -1;
            measure_from = t + 0.3;
        } else if (phase == WARMING && t >= measure_from) {
            phase = MEASURING;
            window_start = t;
            end = t + seconds;
            server_cpu0 = server_pid > 0 ? process_cpu(server_pid) : 0;
            client_cpu0 = self_cpu();
        } else if (phase == MEASURING && t >= end) {
            phase = STOPPING;
            end = t;
            server_cpu1 = server_pid > 0 ? process_cpu(server_pid) : 0;
            client_cpu1 = self_cpu();
        }
        for (int e = 0; e < n; e++) {
            struct conn *c = &load.conns[events[e].data.u32];
            if (events[e].events & EPOLLOUT) {
                send_rest(c);
            }
            if (!(events[e].events & (EPOLLIN | EPOLLERR | EPOLLHUP))) {
                continue;
            }
            for (;;) {
                ssize_t r = read_echo(c, scratch, SCRATCH);
                if (r < 0) {
                    break;
                }
                if (r == 0) {
                    die("the server closed a connection");
                }
                size_t got = (size_t) r;
                if (c->received < HEADER) {
                    size_t check = got < HEADER - c->received ? got : HEADER - c->received;
                    if (memcmp(scratch, c->header + c->received, check) != 0) {
                        die("the echo of request %llu differs from what was sent",
                            (unsigned long long) c->seq);
                    }
                }
                c->received += got;
                if (c->received > c->sent) {
                    die("the server sent more than it received");
                }
                if (c->received == size) {
                    if (phase == MEASURING) {
                        requests++;
                    } else if (phase == WARMING) {
                        slot_requests++;
                    }
                    if (phase == STOPPING) {
                        in_flight--;
                        break;
                    }
                    next_request(c);
                }
                if (got < SCRATCH && !tls) {
                    /* The socket is most likely drained: spare the read that says so. (Not over
                     * TLS: OpenSSL may hold decrypted bytes that no epoll event would announce.) */
                    break;
                }
            }
        }
    }
    double elapsed = end - window_start;
    double server_cpu = server_cpu1 - server_cpu0;
    double client_cpu = client_cpu1 - client_cpu0;
    printf("{\"connections\": %d, \"size\": %zu, \"warmup_s\": %.2f, \"seconds\": %.3f, \"requests\": %llu, "
           "\"requests_per_s\": %.1f, \"bytes_per_s\": %.1f, \"server_cpu_s\": %.3f, "
           "\"server_cpu_us_per_request\": %.3f, \"client_cpu_s\": %.3f, "
           "\"client_cpu_us_per_request\": %.3f, \"client_utilisation\": %.3f}\n",
           connections, size, warmed, elapsed, (unsigned long long) requests, requests / elapsed,
           (double) requests * (double) size / elapsed, server_pid > 0 ? server_cpu : -1.0,
           server_pid > 0 && requests ? server_cpu * 1e6 / (double) requests : -1.0, client_cpu,
           requests ? client_cpu * 1e6 / (double) requests : -1.0, client_cpu / elapsed);
    for (int i = 0; i < connections; i++) {
#ifdef NETLOAD_TLS
        if (load.conns[i].ssl) {
            SSL_free(load.conns[i].ssl);
            free(load.conns[i].message);
        }
#endif
        close(load.conns[i].fd);
    }
    return 0;
}

/* ------------------------------------------------------------------------------------ idle */

static int idle(const char *host, int port, int connections, int sources, int window,
        double hold_seconds) {
    raise_fd_limit(connections + 64);
    if (sources <= 0) {
        sources = (connections + PER_SOURCE - 1) / PER_SOURCE;
    }
    if (sources > 250) {
        usage("--sources must be at most 250 (127.0.0.2 to 127.0.0.251)");
    }
    struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons(port)};
    if (inet_pton(AF_INET, host, &addr.sin_addr) != 1) {
        usage("--host must be an IPv4 address");
    }
    int *fds = malloc(sizeof(int) * (size_t) connections);
    if (!fds) {
        die("out of memory");
    }
    int ep = epoll_create1(0);
    int started = 0, connected = 0, pending = 0;
    double start = now();
    struct epoll_event events[256];
    while (connected < connections) {
        while (pending < window && started < connections) {
            int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
            if (fd < 0) {
                die("socket (after %d connections): %s", started, strerror(errno));
            }
            int one = 1;
            setsockopt(fd, IPPROTO_IP, IP_BIND_ADDRESS_NO_PORT, &one, sizeof one);
            struct sockaddr_in source = {.sin_family = AF_INET};
            source.sin_addr.s_addr = htonl(0x7f000002u + (uint32_t) (started % sources));
            if (bind(fd, (struct sockaddr *) &source, sizeof source) < 0) {
                die("bind to 127.0.0.%d: %s", 2 + started % sources, strerror(errno));
            }
            if (connect(fd, (struct sockaddr *) &addr, sizeof addr) < 0 && errno != EINPROGRESS) {
                die("connect (after %d connections): %s", started, strerror(errno));
            }
            struct epoll_event ev = {.events = EPOLLOUT, .data.u32 = (uint32_t) started};
            epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
            fds[started++] = fd;
            pending++;
        }
        int n = epoll_wait(ep, events, 256, 1000);
        if (n < 0 && errno != EINTR) {
            die("epoll_wait: %s", strerror(errno));
        }
        for (int e = 0; e < n; e++) {
            int fd = fds[events[e].data.u32];
            int error = 0;
            socklen_t length = sizeof error;
            getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length);
            if (error) {
                die("connect (after %d connections): %s", connected, strerror(error));
            }
            epoll_ctl(ep, EPOLL_CTL_DEL, fd, NULL);
            pending--;
            connected++;
        }
        if (now() - start > hold_seconds) {
            die("only %d of %d connections were made in %.0f s", connected, connections, hold_seconds);
        }
    }
    printf("{\"connected\": %d, \"sources\": %d, \"seconds\": %.3f}\n", connected, sources, now() - start);
    fflush(stdout);
    /* Hold the connections until stdin closes (or reads anything), or the time is up. */
    struct pollfd in = {.fd = 0, .events = POLLIN};
    double deadline = start + hold_seconds;
    while (now() < deadline) {
        int r = poll(&in, 1, 1000);
        if (r > 0) {
            break;
        }
    }
    for (int i = 0; i < connections; i++) {
        close(fds[i]);
    }
    return 0;
}

/* ----------------------------------------------------------------------------------- serve */

/* One connection of the C echo server: bytes read but not yet written back. */
struct echo_conn {
    int fd;
    size_t pending_from, pending_to;
    unsigned char *pending;  /* SCRATCH bytes, made on the first short write */
};

static void serve_close(int ep, struct echo_conn *c) {
    epoll_ctl(ep, EPOLL_CTL_DEL, c->fd, NULL);
    close(c->fd);
    free(c->pending);
    free(c);
}

/* Writes back what is pending; returns 1 when nothing is left. */
static int serve_flush(struct echo_conn *c) {
    while (c->pending_from < c->pending_to) {
        ssize_t w = write(c->fd, c->pending + c->pending_from, c->pending_to - c->pending_from);
        if (w < 0) {
            return errno == EAGAIN || errno == EWOULDBLOCK ? 0 : -1;
        }
        c->pending_from += (size_t) w;
    }
    c->pending_from = c->pending_to = 0;
    return 1;
}

/*
 * The ceiling of the echo benchmark: the leanest echo server this machine can run, one thread,
 * epoll, C. Reads up to 256 KiB and writes it back; when the socket takes less, it keeps the rest,
 * stops reading and waits for writability. Prints "port N" and serves until killed.
 */
static _Noreturn void serve(const char *host) {
    raise_fd_limit(4096);
    int listener = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    int one = 1;
    setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in addr = {.sin_family = AF_INET};
    if (inet_pton(AF_INET, host, &addr.sin_addr) != 1) {
        usage("--host must be an IPv4 address");
    }
    socklen_t length = sizeof addr;
    if (bind(listener, (struct sockaddr *) &addr, sizeof addr) < 0 || listen(listener, 4096) < 0
            || getsockname(listener, (struct sockaddr *) &addr, &length) < 0) {
        die("listen on %s: %s", host, strerror(errno));
    }
    printf("port %d\n", ntohs(addr.sin_port));
    fflush(stdout);
    unsigned char *scratch = malloc(SCRATCH);
    int ep = epoll_create1(0);
    struct epoll_event ev = {.events = EPOLLIN, .data.ptr = NULL};
    epoll_ctl(ep, EPOLL_CTL_ADD, listener, &ev);
    struct epoll_event events[256];
    for (;;) {
        int n = epoll_wait(ep, events, 256, -1);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            die("epoll_wait: %s", strerror(errno));
        }
        for (int e = 0; e < n; e++) {
            struct echo_conn *c = events[e].data.ptr;
            if (c == NULL) {
                int fd;
                while ((fd = accept4(listener, NULL, NULL, SOCK_NONBLOCK)) >= 0) {
                    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
                    struct echo_conn *made = calloc(1, sizeof *made);
                    made->fd = fd;
                    struct epoll_event add = {.events = EPOLLIN, .data.ptr = made};
                    epoll_ctl(ep, EPOLL_CTL_ADD, fd, &add);
                }
                continue;
            }
            if (events[e].events & EPOLLOUT) {
                int flushed = serve_flush(c);
                if (flushed < 0) {
                    serve_close(ep, c);
                    continue;
                }
                if (flushed) {
                    struct epoll_event mod = {.events = EPOLLIN, .data.ptr = c};
                    epoll_ctl(ep, EPOLL_CTL_MOD, c->fd, &mod);
                }
                continue;
            }
            ssize_t r = read(c->fd, scratch, SCRATCH);
            if (r < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
                continue;
            }
            if (r <= 0) {
                serve_close(ep, c);
                continue;
            }
            ssize_t w = write(c->fd, scratch, (size_t) r);
            if (w < 0 && errno != EAGAIN && errno != EWOULDBLOCK) {
                serve_close(ep, c);
                continue;
            }
            if (w < r) {
                size_t written = w < 0 ? 0 : (size_t) w;
                if (!c->pending && !(c->pending = malloc(SCRATCH))) {
                    die("out of memory");
                }
                memcpy(c->pending, scratch + written, (size_t) r - written);
                c->pending_from = 0;
                c->pending_to = (size_t) r - written;
                struct epoll_event mod = {.events = EPOLLOUT, .data.ptr = c};
                epoll_ctl(ep, EPOLL_CTL_MOD, c->fd, &mod);
            }
        }
    }
}

int main(int argc, char **argv) {
    if (argc < 2) {
        usage("a mode is needed: echo, idle or serve");
    }
    const char *mode = argv[1];
    const char *host = "127.0.0.1";
    int port = 0, connections = -1, sources = 0, window = 256;
    size_t size = 1024;
    double seconds = 10, warmup = 2, hold = 600;
    long server_pid = 0;
    int pin_server = -1;
    int tls = 0, steady = 0;
    for (int i = 2; i < argc; i++) {
        const char *name = argv[i];
        if (!strcmp(name, "--tls")) {
            tls = 1;
            continue;
        }
        if (!strcmp(name, "--steady")) {
            steady = 1;
            continue;
        }
        if (i + 1 >= argc) {
            usage("each option needs a value");
        }
        const char *value = argv[++i];
        if (!strcmp(name, "--host")) {
            host = value;
        } else if (!strcmp(name, "--port")) {
            port = atoi(value);
        } else if (!strcmp(name, "--connections")) {
            connections = atoi(value);
        } else if (!strcmp(name, "--size")) {
            size = (size_t) atol(value);
        } else if (!strcmp(name, "--seconds")) {
            seconds = atof(value);
        } else if (!strcmp(name, "--warmup")) {
            warmup = atof(value);
        } else if (!strcmp(name, "--server-pid")) {
            server_pid = atol(value);
        } else if (!strcmp(name, "--pin-server")) {
            pin_server = atoi(value);
        } else if (!strcmp(name, "--sources")) {
            sources = atoi(value);
        } else if (!strcmp(name, "--window")) {
            window = atoi(value);
        } else if (!strcmp(name, "--hold-seconds")) {
            hold = atof(value);
        } else {
            usage("unknown option");
        }
    }
    if (strncmp(host, "127.", 4) != 0) {
        usage("--host must be a loopback address (127.x.x.x)");
    }
    if (!strcmp(mode, "serve")) {
        serve(host);
    }
    if (port <= 0 || port > 65535) {
        usage("--port is needed");
    }
    if (!strcmp(mode, "echo")) {
        if (connections < 0) {
            connections = 50;
        }
        if (connections <= 0 || seconds <= 0 || warmup < 0) {
            usage("--connections and --seconds must be positive");
        }
        if (pin_server >= 0 && server_pid <= 0) {
            usage("--pin-server needs --server-pid");
        }
        return echo(host, port, connections, size, seconds, warmup, steady, server_pid, pin_server, tls);
    }
    if (!strcmp(mode, "idle")) {
        if (connections < 0) {
            connections = 100000;
        }
        if (connections <= 0 || window <= 0 || hold <= 0) {
            usage("--connections, --window and --hold-seconds must be positive");
        }
        return idle(host, port, connections, sources, window, hold);
    }
    usage("unknown mode");
    return 2;
}
