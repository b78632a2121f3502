/**
 * Black-box tests of the kit as a user runs it against targets it did not make: dynalite, `./kit serve` in a process
 * of its own, AWS's own profile, and peers that crash or misbehave (WireMock in front of the reference). They span
 * the runner, the glue, the SPI and the reports, so they mirror no single main package.
 */
package earkit.kit.thirdparty;
