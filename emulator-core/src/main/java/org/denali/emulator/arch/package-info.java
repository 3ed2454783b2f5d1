/**
 * The Denali virtual architecture as numbers: the constants that docs/architecture.md defines and that the CPU,
 * the kernel, the debugger and the Ilwaco headers ({@code ilwaco-sdk/include/denali.h}) must agree on.
 * Change a value here only together with the document and the header.
 */
package org.denali.emulator.arch;
