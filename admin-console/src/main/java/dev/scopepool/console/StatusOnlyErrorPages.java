// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.console;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import org.eclipse.jetty.ee10.servlet.ErrorPageErrorHandler;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.http.HttpStatus;

/**
 * Error pages of Hawtio's web application that name the status and nothing else: no stack
 * trace, no exception message (which names the failing library and what it choked on), no
 * servlet name. The web application's own error-page mappings still apply.
 */
final class StatusOnlyErrorPages extends ErrorPageErrorHandler {

    StatusOnlyErrorPages() {
        setShowStacks(false);
        setShowServlet(false);
        setShowMessageInTitle(false);
    }

    @Override
    protected void generateAcceptableResponse(ServletContextRequest baseRequest, HttpServletRequest request,
            HttpServletResponse response, int code, String message) throws IOException {
        super.generateAcceptableResponse(baseRequest, request, response, code, HttpStatus.getMessage(code));
    }

    @Override
    protected void writeErrorPageMessage(HttpServletRequest request, Writer writer, int code, String message,
            String uri) throws IOException {
        writer.write("<h2>HTTP ERROR " + code + " " + HttpStatus.getMessage(code) + "</h2>\n");
    }

    @Override
    protected void writeErrorPlain(HttpServletRequest request, PrintWriter writer, int code, String message) {
        writer.write("HTTP ERROR " + code + " " + HttpStatus.getMessage(code) + "\n");
    }

    @Override
    protected void writeErrorJson(HttpServletRequest request, PrintWriter writer, int code, String message) {
        writer.write("{\"status\":" + code + ",\"message\":\"" + HttpStatus.getMessage(code) + "\"}");
    }
}
