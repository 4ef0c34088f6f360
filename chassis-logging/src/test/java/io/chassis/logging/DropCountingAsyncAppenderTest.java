package io.chassis.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class DropCountingAsyncAppenderTest {

    private final LoggerContext context = new LoggerContext();
    private final BlockingAppender downstream = new BlockingAppender();
    private final DropCountingAsyncAppender async = new DropCountingAsyncAppender();
    private final Logger logger = context.getLogger("test");

    private void start(int queueSize) {
        context.setMDCAdapter(MDC.getMDCAdapter());
        downstream.setContext(context);
        downstream.setName("blocking");
        downstream.start();
        async.setContext(context);
        async.setName("async");
        async.setQueueSize(queueSize);
        async.setMaxFlushTime(10_000);
        async.addAppender(downstream);
        async.start();
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(async);
    }

    @AfterEach
    void tearDown() {
        downstream.release();
        context.stop();
    }

    @Test
    void countsEventsDroppedWhileTheQueueIsFull() throws InterruptedException {
        start(4);
        logger.info("in flight");
        assertThat(downstream.entered.await(10, TimeUnit.SECONDS)).isTrue();

        for (int i = 0; i < 10; i++) {
            logger.info("burst {}", i);
        }

        assertThat(async.droppedEvents()).isEqualTo(7);
        assertThat(ChassisLogging.droppedEvents(context)).isEqualTo(7);
        downstream.release();
        assertThat(async.awaitDrained(Duration.ofSeconds(10))).isTrue();
        assertThat(downstream.written).containsExactly("in flight", "burst 0", "burst 1", "burst 2");
        assertThat(async.droppedEvents()).isEqualTo(7);
    }

    @Test
    void countsEveryEventItIsGivenPerLevelDroppedOnesIncluded() throws InterruptedException {
        start(2);
        logger.setLevel(ch.qos.logback.classic.Level.DEBUG);
        logger.error("in flight");
        assertThat(downstream.entered.await(10, TimeUnit.SECONDS)).isTrue();

        logger.warn("queued"); // the in-flight event holds the other slot
        logger.info("dropped");
        logger.info("dropped");
        logger.debug("dropped");
        logger.trace("below the level: never given to the appender");

        assertThat(async.appendedEvents(ch.qos.logback.classic.Level.ERROR)).isEqualTo(1);
        assertThat(async.appendedEvents(ch.qos.logback.classic.Level.WARN)).isEqualTo(1);
        assertThat(async.appendedEvents(ch.qos.logback.classic.Level.INFO)).isEqualTo(2);
        assertThat(async.appendedEvents(ch.qos.logback.classic.Level.DEBUG)).isEqualTo(1);
        assertThat(async.appendedEvents(ch.qos.logback.classic.Level.TRACE)).isZero();
        assertThat(async.droppedEvents()).isEqualTo(3);
    }

    @Test
    void acceptsAgainOnceTheQueueHasDrained() throws InterruptedException {
        start(2);
        logger.info("first");
        assertThat(downstream.entered.await(10, TimeUnit.SECONDS)).isTrue();
        logger.info("second");
        logger.info("dropped");
        downstream.release();
        assertThat(async.awaitDrained(Duration.ofSeconds(10))).isTrue();

        logger.info("after drain");

        assertThat(async.awaitDrained(Duration.ofSeconds(10))).isTrue();
        assertThat(downstream.written).containsExactly("first", "second", "after drain");
        assertThat(async.droppedEvents()).isEqualTo(1);
    }

    @Test
    void stoppingWritesEverythingStillQueued() throws InterruptedException {
        start(8);
        logger.info("one");
        assertThat(downstream.entered.await(10, TimeUnit.SECONDS)).isTrue();
        logger.info("two");
        logger.info("three");
        Thread releaser = new Thread(() -> {
            await().atMost(Duration.ofSeconds(10)).until(() -> !async.isStarted());
            downstream.release();
        });
        releaser.start();

        context.stop();

        releaser.join();
        assertThat(downstream.written).containsExactly("one", "two", "three");
        assertThat(async.droppedEvents()).isZero();
    }

    @Test
    void drainAndWriteThroughWritesTheQueueThenLaterEventsOnTheLoggingThread() throws InterruptedException {
        start(8);
        logger.info("queued");
        assertThat(downstream.entered.await(10, TimeUnit.SECONDS)).isTrue();
        downstream.release();

        boolean drained = async.drainAndWriteThrough();
        logger.info("direct");

        assertThat(drained).isTrue();
        assertThat(downstream.written).containsExactly("queued", "direct");
        assertThat(downstream.threads.get(0))
                .isNotEqualTo(Thread.currentThread().getName());
        assertThat(downstream.threads.get(1)).isEqualTo(Thread.currentThread().getName());
    }

    @Test
    void refusesASecondDownstreamAppender() {
        start(4);
        BlockingAppender second = new BlockingAppender();
        second.setName("second");

        async.addAppender(second);

        assertThat(async.getAppender("second")).isNull();
        assertThat(async.getAppender("blocking")).isNotNull();
    }

    @Test
    void roundsTheQueueSizeUpToAPowerOfTwoTheRingBufferNeeds() {
        async.setQueueSize(5);
        assertThat(async.getQueueSize()).isEqualTo(8);
        async.setQueueSize(8192);
        assertThat(async.getQueueSize()).isEqualTo(8192);
        async.setQueueSize(1);
        assertThat(async.getQueueSize()).isEqualTo(2);
    }

    @Test
    void holdsExactlyTheRoundedQueueSizeBeforeDropping() throws InterruptedException {
        start(3); // rounded to 4
        logger.info("in flight");
        assertThat(downstream.entered.await(10, TimeUnit.SECONDS)).isTrue();

        for (int i = 0; i < 6; i++) {
            logger.info("burst {}", i);
        }

        assertThat(async.droppedEvents()).isEqualTo(3);
    }
}
