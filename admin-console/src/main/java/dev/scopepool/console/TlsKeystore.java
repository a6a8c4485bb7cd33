// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.console;

import dev.scopepool.console.auth.Secret;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Arrays;
import java.util.Objects;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The console's TLS identity: a PKCS#12 or JKS keystore holding its private key and
 * certificate, whose key is protected by the keystore's password.
 *
 * @param path the keystore file
 * @param password the keystore's (and its key's) password; wiped by {@link #sslContext()}
 */
public record TlsKeystore(Path path, Secret password) {

    public TlsKeystore {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(password, "password");
    }

    /**
     * Loads the keystore into a server TLS context and wipes the password, which is not
     * needed afterwards.
     *
     * @return the context Jetty serves HTTPS with
     * @throws IllegalArgumentException if the keystore cannot be read or opened with the
     *         password, or holds no usable key; the message says which file
     */
    SSLContext sslContext() {
        if (!Files.isReadable(path)) {
            throw new IllegalArgumentException("TLS keystore not readable: " + path);
        }
        char[] secret = password.reveal();
        try {
            KeyStore store = KeyStore.getInstance(path.toFile(), secret);
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, secret);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("Cannot open the TLS keystore " + path
                    + " with the given password: " + e.getMessage(), e);
        } finally {
            Arrays.fill(secret, '\0');
            password.wipe();
        }
    }
}
