// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.console;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;

/**
 * Hawtio's logout endpoint ({@code /auth/logout}, where the UI's "Log out" navigates), done
 * here instead of by Hawtio's servlet: that one calls {@code HttpServletRequest.logout()},
 * which fails on Jetty without a container login (the session then survived, and the
 * answer was a 500 with a stack trace). Ending the session is what logging out means for the
 * console: Hawtio keeps the logged-in subject in it, so afterwards every page and Jolokia
 * call needs a new login. Then the browser goes to the login page.
 *
 * <p>Stateless and thread-safe.
 */
final class LogoutFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        // Let browsers drop whatever the console left in them.
        response.setHeader("Clear-Site-Data", "\"cache\", \"cookies\"");
        response.setHeader("Cache-Control", "no-store");
        response.sendRedirect(request.getContextPath() + "/login");
    }
}
