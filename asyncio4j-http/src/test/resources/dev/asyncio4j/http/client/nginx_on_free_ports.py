"""Starts nginx on loopback ports the OS chooses, without a race.

nginx cannot listen on port 0 and say which port it got. So this binds the listening sockets
itself (127.0.0.1, port 0), writes their ports into the config (@PORT0@, @PORT1@, ...), prints
them on one line, and execs nginx with NGINX="<fd>;<fd>;": nginx takes over inherited
listening sockets whose addresses match its `listen` directives (the mechanism of its binary
upgrade) instead of binding new ones. The sockets listen before nginx starts, so a client may
connect as soon as the ports are printed.

Usage: nginx_on_free_ports.py TEMPLATE CONF COUNT
"""
import os
import socket
import sys


def main():
    template, conf, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    sockets = []
    for _ in range(count):
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind(("127.0.0.1", 0))
        s.listen(511)
        s.set_inheritable(True)
        sockets.append(s)
    with open(template) as f:
        text = f.read()
    for i, s in enumerate(sockets):
        text = text.replace(f"@PORT{i}@", str(s.getsockname()[1]))
    with open(conf, "w") as f:
        f.write(text)
    print(" ".join(str(s.getsockname()[1]) for s in sockets), flush=True)
    os.environ["NGINX"] = "".join(f"{s.fileno()};" for s in sockets)
    nginx = "/usr/sbin/nginx" if os.path.exists("/usr/sbin/nginx") else "nginx"
    os.execvp(nginx, [nginx, "-p", os.path.dirname(os.path.abspath(conf)), "-c", os.path.abspath(conf),
                      "-e", "stderr", "-g", "daemon off;"])


if __name__ == "__main__":
    main()
