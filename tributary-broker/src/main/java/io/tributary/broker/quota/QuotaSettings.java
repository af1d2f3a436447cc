package io.tributary.broker.quota;

/**
 * How client quotas measure rates, with Kafka's settings: byte rates and request time over
 * {@code quota.window.num} windows of {@code quota.window.size.seconds}; controller mutations over
 * {@code controller.quota.window.num} windows of {@code controller.quota.window.size.seconds}.
 */
public record QuotaSettings(int windowNum, int windowSizeSeconds, int controllerWindowNum,
                            int controllerWindowSizeSeconds) {

    public static final QuotaSettings DEFAULTS = new QuotaSettings(11, 1, 11, 1);

    public QuotaSettings {
        if (windowNum < 1 || windowSizeSeconds < 1 || controllerWindowNum < 1 || controllerWindowSizeSeconds < 1) {
            throw new IllegalArgumentException("Quota windows must be at least 1: " + windowNum + " x "
                    + windowSizeSeconds + "s, " + controllerWindowNum + " x " + controllerWindowSizeSeconds + "s");
        }
    }
}
