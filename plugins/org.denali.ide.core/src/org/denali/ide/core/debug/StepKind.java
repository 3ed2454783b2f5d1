package org.denali.ide.core.debug;

/** The three platform steps; each is by source line, or one instruction in instruction stepping mode. */
public enum StepKind {
    INTO, OVER, RETURN
}
