// SPDX-License-Identifier: Apache-2.0
/**
 * What every engine test shares: {@link dev.scopepool.impl.testkit.Fake}, the one pooled
 * stand-in (equal to every other, so only identity tracking passes);
 * {@link dev.scopepool.impl.testkit.FakeFactory}, which creates and destroys fakes counting
 * each call and can hold or fail them; {@link dev.scopepool.impl.testkit.Poll}, the bounded
 * poll for background conditions; {@link dev.scopepool.impl.testkit.Callers}, threads that
 * play other callers and must end after each test.
 */
package dev.scopepool.impl.testkit;
