/**
 * {@code denali bench paper}: the Denali paper's evaluation (Whitaker, Shaw, Gribble, OSDI 2002) re-run on the
 * emulated kernel. {@link org.denali.sdk.paper.PaperExperiments} says what each figure runs (the paper's knob and
 * our scale), {@link org.denali.sdk.paper.WebFarm} runs the web-server points, {@link org.denali.sdk.paper.Table}
 * and {@link org.denali.sdk.paper.TableFormat} write the numbers, {@link org.denali.sdk.paper.ChartWriter} the
 * pictures.
 */
package org.denali.sdk.paper;
