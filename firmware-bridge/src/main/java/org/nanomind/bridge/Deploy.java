package org.nanomind.bridge;

import java.io.IOException;
import java.util.HexFormat;

/**
 * A deploy from this side: stage the signed artifact on the board (uploaded aside, renamed into the
 * staging directory), then ask the agent to apply it. Deploying the same artifact again is a no-op on the
 * board; a deploy cut off at any point can simply be run again.
 */
public final class Deploy {
    private Deploy() {
    }

    public static String run(BoardLink board, SignedPolicy policy) throws IOException {
        String name = HexFormat.of().formatHex(policy.signature(), 0, 8) + ".json";
        String staged = "/" + BoardAgent.STAGING + "/" + name;
        board.upload(policy.text().getBytes(java.nio.charset.StandardCharsets.UTF_8), staged);
        return board.run(AgentProtocol.PREFIX + "apply " + staged);
    }
}
