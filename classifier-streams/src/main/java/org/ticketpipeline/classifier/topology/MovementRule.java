package org.ticketpipeline.classifier.topology;

import org.ticketpipeline.schemas.Movement;

/**
 * How a theme moved against the same theme in the previous window of the same size:
 * <ul>
 *   <li><b>new</b>: absent from the previous window;</li>
 *   <li><b>rising</b>: at least 1.5 times the previous volume and at least 2 tickets more;</li>
 *   <li><b>fading</b>: once half the window has passed, on course for under half the previous volume
 *       (the volume so far divided by the share of the window elapsed);</li>
 *   <li><b>steady</b>: otherwise.</li>
 * </ul>
 * A window in progress is judged by its course so far, so a theme is not called fading at minute one.
 */
public final class MovementRule {

    private MovementRule() {
    }

    public static Movement judge(long current, long previous, double elapsedShareOfWindow) {
        if (previous == 0) {
            return Movement.NEW;
        }
        if (current >= previous * 1.5 && current - previous >= 2) {
            return Movement.RISING;
        }
        double elapsed = Math.min(1.0, Math.max(0.0, elapsedShareOfWindow));
        if (elapsed >= 0.5 && current / elapsed < previous * 0.5) {
            return Movement.FADING;
        }
        return Movement.STEADY;
    }
}
