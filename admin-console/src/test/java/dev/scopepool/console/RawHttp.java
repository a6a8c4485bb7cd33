// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.console;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * Plain HTTP/1.1 over a socket, for requests Java's HTTP client will not send: a {@code Host}
 * header of another name, as a browser does after DNS rebinding.
 */
final class RawHttp {

    private RawHttp() {
    }

    /**
     * @param console the console's URL (its address and port are connected to)
     * @param host the {@code Host} header to send
     * @param path the request target
     * @return the response's status line and body
     */
    static String get(URI console, String host, String path) throws IOException {
        try (Socket socket = new Socket(console.getHost(), console.getPort())) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            StringBuilder response = new StringBuilder();
            for (String line; (line = in.readLine()) != null; ) {
                response.append(line).append('\n');
            }
            return response.toString();
        }
    }

    /** @return the status code of a response read by {@link #get} */
    static int status(String response) {
        return Integer.parseInt(response.substring(response.indexOf(' ') + 1, response.indexOf(' ') + 4));
    }
}
