package org.nanomind.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Iterator;
import org.apache.sshd.common.keyprovider.FileKeyPairProvider;
import org.nanomind.soc.InputException;

/** The SSH login key of `--identity`: an OpenSSH or PEM private key file (`nanomind board keygen` writes one). */
final class SshIdentity {
    private SshIdentity() {
    }

    static KeyPair load(Path file) {
        if (!Files.isReadable(file)) {
            throw new InputException(file.toString(), 0, 0, "--identity", "no readable private key file here");
        }
        Iterator<KeyPair> keys;
        try {
            keys = new FileKeyPairProvider(file).loadKeys(null).iterator();
        } catch (Exception e) {
            throw new InputException(file.toString(), 0, 0, "--identity", "not an OpenSSH or PEM private key: " + e.getMessage());
        }
        if (!keys.hasNext()) {
            throw new InputException(file.toString(), 0, 0, "--identity", "holds no private key (an OpenSSH or PEM private key file)");
        }
        return keys.next();
    }
}
