/** The Ilwaco SDK: toolchain driver and the {@code denali} command line. */
package org.denali.sdk;
