/**
 * The Ilwaco toolchain driver: builds a guest project (a folder of {@code .c}/{@code .S} files and an optional
 * {@code denali.properties}) into a Denali ELF image with the host's stock {@code gcc -m32 -ffreestanding},
 * GNU {@code as} and {@code ld}, linked against libilwaco, which the driver builds itself from the SDK's sources
 * into a cache directory. Builds are incremental (gcc {@code -MD} dependency files) and report
 * {@link org.denali.sdk.build.Diagnostic}s parsed from the tools' output, for {@code denali build} and the IDE.
 *
 * <p>Entry point: {@link org.denali.sdk.build.GuestBuilder}. Where the SDK lives: {@link org.denali.sdk.build.SdkLayout}.
 */
package org.denali.sdk.build;
