/*
 * Copyright 2026 the original author or authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

package io.driftq.cloud.stream.binder;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pure unit tests of the per-partition ack ordering.
 */
class PartitionAckSequencerTests {

	private final AtomicLong now = new AtomicLong(1_000);

	private final PartitionAckSequencer sequencer = new PartitionAckSequencer(500, this.now::get);

	private final List<String> calls = new CopyOnWriteArrayList<>();

	@Test
	void higherOffsetAckWaitsForTheLowerOne() {
		this.sequencer.delivered(0, 5);
		this.sequencer.delivered(0, 6);
		this.sequencer.settle(0, 6, () -> this.calls.add("ack 6"), true);
		assertThat(this.calls).isEmpty();
		this.sequencer.settle(0, 5, () -> this.calls.add("ack 5"), true);
		assertThat(this.calls).containsExactly("ack 5", "ack 6");
	}

	@Test
	void aSlowAckBlocksNeitherOtherPartitionsNorNewDeliveriesAndItsPartitionStaysInOrder() throws Exception {
		CountDownLatch ackStarted = new CountDownLatch(1);
		CountDownLatch releaseAck = new CountDownLatch(1);
		this.sequencer.delivered(0, 5);
		this.sequencer.delivered(0, 6);
		Thread slow = new Thread(() -> this.sequencer.settle(0, 5, () -> {
			ackStarted.countDown();
			await(releaseAck);
			this.calls.add("ack 5");
		}, true));
		slow.start();
		try {
			assertThat(ackStarted.await(10, TimeUnit.SECONDS)).isTrue();
			// while ack 5 is on the wire: bookkeeping and another partition go ahead, ack
			// 6 is queued behind it
			this.sequencer.delivered(1, 1);
			this.sequencer.settle(1, 1, () -> this.calls.add("ack p1@1"), true);
			this.sequencer.settle(0, 6, () -> this.calls.add("ack 6"), true);
			assertThat(this.calls).containsExactly("ack p1@1");
		}
		finally {
			releaseAck.countDown();
			slow.join(10_000);
		}
		assertThat(this.calls).containsExactly("ack p1@1", "ack 5", "ack 6");
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Test
	void nackRunsAtOnceAndReleasesHeldAcks() {
		this.sequencer.delivered(0, 1);
		this.sequencer.delivered(0, 2);
		this.sequencer.settle(0, 2, () -> this.calls.add("ack 2"), true);
		this.sequencer.settle(0, 1, () -> this.calls.add("nack 1"), false);
		assertThat(this.calls).containsExactly("nack 1", "ack 2");
	}

	@Test
	void partitionsAreIndependent() {
		this.sequencer.delivered(0, 1);
		this.sequencer.delivered(1, 7);
		this.sequencer.settle(1, 7, () -> this.calls.add("ack p1@7"), true);
		assertThat(this.calls).containsExactly("ack p1@7");
	}

	@Test
	void unsettledOffsetStopsHoldingBackOnceItsLeaseLapsed() {
		this.sequencer.delivered(0, 1);
		this.sequencer.delivered(0, 2);
		this.sequencer.settle(0, 2, () -> this.calls.add("ack 2"), true);
		this.sequencer.expire();
		assertThat(this.calls).isEmpty();
		this.now.addAndGet(501);
		this.sequencer.expire();
		assertThat(this.calls).containsExactly("ack 2");
		assertThat(this.sequencer.heldBack()).isZero();
	}

	@Test
	void aSecondCopyOfAnOffsetKeepsHoldingBackAfterTheFirstSettles() {
		// the broker redelivered offset 1 while the first copy still waited in a buffer
		this.sequencer.delivered(0, 1);
		this.sequencer.delivered(0, 1);
		this.sequencer.delivered(0, 2);
		this.sequencer.settle(0, 2, () -> this.calls.add("ack 2"), true);
		this.sequencer.settle(0, 1, () -> this.calls.add("nack 1"), false);
		assertThat(this.calls).containsExactly("nack 1");
		this.sequencer.settle(0, 1, () -> this.calls.add("ack 1"), true);
		assertThat(this.calls).containsExactly("nack 1", "ack 1", "ack 2");
	}

	@Test
	void clearDropsHeldAcksWithoutSendingThem() {
		this.sequencer.delivered(0, 1);
		this.sequencer.delivered(0, 2);
		this.sequencer.settle(0, 2, () -> this.calls.add("ack 2"), true);
		assertThat(this.sequencer.clear()).isEqualTo(1);
		assertThat(this.sequencer.heldBack()).isZero();
		this.sequencer.expire();
		assertThat(this.calls).isEmpty();
	}

}
