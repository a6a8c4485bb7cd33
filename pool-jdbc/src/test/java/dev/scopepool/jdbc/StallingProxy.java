// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.jdbc;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy on loopback between a pool and its server that can freeze traffic: while frozen it
 * still accepts and reads, but holds every byte until {@link #thaw()}, as a stalled network
 * does. Each connection gets two copying threads; {@link #close()} closes every socket, which
 * ends them all.
 *
 * <p>A client that closes its end while frozen cannot tell the server either: the server keeps
 * that session until traffic flows, then receives what was held and the close, as after a real
 * stall; and even while traffic flows, the server ends a session a moment after its client
 * closed. The proxy keeps reading from every client, frozen or not, so it sees each close at
 * once ({@link #clientGone}): a count of the sessions a pool holds can leave out the ones it
 * already closed.
 */
final class StallingProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final int targetPort;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final Set<Link> links = ConcurrentHashMap.newKeySet();
    /** The server-side ports (the server's {@code client_port}) of connections whose client is still connected. */
    private final Set<Integer> liveClients = ConcurrentHashMap.newKeySet();
    private final Object gate = new Object();
    private final Thread acceptor;
    private volatile boolean frozen;

    StallingProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::accept, "stalling-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    void freeze() {
        synchronized (gate) {
            frozen = true;
        }
    }

    void thaw() {
        synchronized (gate) {
            frozen = false;
            gate.notifyAll();
        }
        for (Link link : links) {
            link.flush(); // what a client sent while frozen and then waits an answer for
        }
    }

    /**
     * @param serverClientPort a session's {@code client_port} as the server reports it
     * @return whether that session's client has closed its end (or never came through here)
     */
    boolean clientGone(int serverClientPort) {
        return !liveClients.contains(serverClientPort);
    }

    @Override
    public void close() throws InterruptedException {
        thaw();
        try {
            listener.close();
        } catch (IOException e) {
            // closing anyway
        }
        sockets.forEach(StallingProxy::closeQuietly);
        acceptor.join(5_000);
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket();
                sockets.add(client);
                sockets.add(server);
                try {
                    server.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), 5_000);
                } catch (IOException e) {
                    closeQuietly(client);
                    closeQuietly(server);
                    continue;
                }
                Link link = new Link(client, server);
                links.add(link);
                liveClients.add(server.getLocalPort()); // before any byte can reach the server
                start(() -> link.pumpUp(), "up");
                start(() -> pumpDown(server, client), "down");
            } catch (IOException e) {
                return;   // the listener was closed
            }
        }
    }

    /** Server to client: while frozen, a read waits before it is passed on. */
    private void pumpDown(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                awaitThaw();
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException | InterruptedException e) {
            // either side closed
        } finally {
            closeBoth(from, to);
        }
    }

    private void awaitThaw() throws InterruptedException {
        synchronized (gate) {
            while (frozen) {
                gate.wait();   // released by thaw() or close()
            }
        }
    }

    private void closeBoth(Socket a, Socket b) {
        closeQuietly(a);
        closeQuietly(b);
        sockets.remove(a);
        sockets.remove(b);
    }

    private static void start(Runnable pump, String direction) {
        Thread t = new Thread(pump, "stalling-proxy-" + direction);
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing more to do
        }
    }

    /**
     * One client's connection, client to server: reading goes on while frozen (so a client's
     * close is seen), holding the bytes; everything reaches the server in order, under this
     * link's lock.
     */
    private final class Link {
        private final Socket client;
        private final Socket server;
        private final ByteArrayOutputStream held = new ByteArrayOutputStream();

        Link(Socket client, Socket server) {
            this.client = client;
            this.server = server;
        }

        void pumpUp() {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = client.getInputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    pass(buffer, n);
                }
                liveClients.remove(server.getLocalPort());
                awaitThaw();
                flush();
            } catch (IOException | InterruptedException e) {
                // either side closed
            } finally {
                liveClients.remove(server.getLocalPort());
                links.remove(this);
                closeBoth(client, server);
            }
        }

        private synchronized void pass(byte[] bytes, int n) throws IOException {
            if (frozen) {
                held.write(bytes, 0, n); // a pool's handful of protocol messages: never large
                return;
            }
            flushHeld();
            server.getOutputStream().write(bytes, 0, n);
            server.getOutputStream().flush();
        }

        synchronized void flush() {
            try {
                flushHeld();
            } catch (IOException e) {
                closeBoth(client, server);
            }
        }

        private void flushHeld() throws IOException {
            if (held.size() > 0) {
                held.writeTo(server.getOutputStream());
                server.getOutputStream().flush();
                held.reset();
            }
        }
    }
}
