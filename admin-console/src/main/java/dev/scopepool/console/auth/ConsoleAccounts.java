// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.console.auth;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The users who may log in to the console and their roles: an immutable, thread-safe
 * in-memory store that {@link ConsoleLoginModule} checks passwords against.
 *
 * <p>Passwords are kept only as salted SHA-256 digests and compared in constant time, so
 * neither a heap dump nor response timing gives a password away.
 */
public final class ConsoleAccounts {

    /** The role Hawtio is configured to require; only it opens the console and Jolokia. */
    public static final String ADMIN_ROLE = "admin";

    private record Account(byte[] salt, byte[] digest, Set<String> roles) { }

    private final Map<String, Account> accounts;

    private ConsoleAccounts(Map<String, Account> accounts) {
        this.accounts = Map.copyOf(accounts);
    }

    /**
     * @param user the administrator's name
     * @param password the administrator's password
     * @return accounts holding one user with the {@value #ADMIN_ROLE} role
     */
    public static ConsoleAccounts admin(String user, String password) {
        return admin(user, password.toCharArray());
    }

    /**
     * @param user the administrator's name
     * @param password the administrator's password; only its digest is kept, the caller may wipe it
     * @return accounts holding one user with the {@value #ADMIN_ROLE} role
     */
    public static ConsoleAccounts admin(String user, char[] password) {
        return new ConsoleAccounts(Map.of()).with(user, password, Set.of(ADMIN_ROLE));
    }

    /**
     * @param user a user name not yet present
     * @param password the user's password
     * @param roles the roles the user gets on login
     * @return a copy of these accounts with the user added
     * @throws IllegalArgumentException if the user exists already
     */
    public ConsoleAccounts with(String user, String password, Set<String> roles) {
        return with(user, Objects.requireNonNull(password, "password").toCharArray(), roles);
    }

    /**
     * @param user a user name not yet present
     * @param password the user's password; only its digest is kept, the caller may wipe it
     * @param roles the roles the user gets on login
     * @return a copy of these accounts with the user added
     * @throws IllegalArgumentException if the user exists already
     */
    public ConsoleAccounts with(String user, char[] password, Set<String> roles) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        if (accounts.containsKey(user)) {
            throw new IllegalArgumentException("Duplicate user: " + user);
        }
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        Map<String, Account> copy = new LinkedHashMap<>(accounts);
        copy.put(user, new Account(salt, digest(salt, password), Set.copyOf(roles)));
        return new ConsoleAccounts(copy);
    }

    /**
     * @param user the name given at login
     * @param password the password given at login; not kept
     * @return the user's roles if the password is right, else {@code null}
     */
    Set<String> authenticate(String user, char[] password) {
        Account account = accounts.get(user);
        if (account == null) {
            // Spend the same digest work as for a real user, so timing does not reveal who exists.
            MessageDigest.isEqual(digest(new byte[16], password), new byte[32]);
            return null;
        }
        return MessageDigest.isEqual(digest(account.salt(), password), account.digest())
                ? account.roles() : null;
    }

    private static byte[] digest(byte[] salt, char[] password) {
        ByteBuffer bytes = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(salt);
            sha.update(bytes);
            return sha.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        } finally {
            Arrays.fill(bytes.array(), (byte) 0);
        }
    }

    /** @return the names of the accounts */
    Set<String> users() {
        return accounts.keySet();
    }

    @Override
    public String toString() {
        return "ConsoleAccounts" + accounts.keySet();
    }
}
