package io.chassis.config;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** Gives each test a fresh {@link ConfigFixture} in its own temporary directory. */
abstract class FixtureTest {

    @TempDir
    Path temp;

    ConfigFixture fixture;

    @BeforeEach
    void newFixture() {
        fixture = new ConfigFixture(temp);
    }
}
