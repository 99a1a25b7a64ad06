package org.rappel.sim.agi;

/**
 * {@code WAIT FOR DIGIT <timeout>} as {@code ast_waitfordigit_full}: any key ends it with its ASCII code,
 * the timeout with 0, the hang-up with -1, a newer command with 1; a negative timeout waits for ever, 0 not
 * at all. Music on hold keeps playing. Owned by the call's thread.
 */
final class DigitWait implements CommandInFlight {

    private final CallControl call;
    private final int timeoutMillis;
    private CallIo.Timer timer;
    private boolean over;

    DigitWait(CallControl call, int timeoutMillis) {
        this.call = call;
        this.timeoutMillis = timeoutMillis;
    }

    void start() {
        if (timeoutMillis == 0) {
            finish("200 result=0", CommandResult.SUCCESS);
            return;
        }
        call.inFlight(this);
        call.inputOpportunity(CallControl.InputKind.WAIT_FOR_DIGIT, "", 0);
        if (over) {
            return;
        }
        if (timeoutMillis > 0) {
            timer = call.schedule(call.scaledNanos(timeoutMillis), () -> finish("200 result=0", CommandResult.SUCCESS));
        }
    }

    private void finish(String reply, CommandResult result) {
        if (over) {
            return;
        }
        over = true;
        if (timer != null) {
            timer.cancel();
        }
        call.reply(reply);
        call.finish(result);
    }

    @Override
    public boolean onKey(char key) {
        if (over) {
            return false;
        }
        finish("200 result=" + (int) key, CommandResult.SUCCESS);
        return true;
    }

    @Override
    public void onHangup() {
        finish("200 result=-1", CommandResult.FAILURE);
    }

    @Override
    public boolean onNewCommand() {
        // ast_waitfordigit_full returns 1 when the control socket has data; res_agi replies with it.
        finish("200 result=1", CommandResult.SUCCESS);
        return true;
    }
}
