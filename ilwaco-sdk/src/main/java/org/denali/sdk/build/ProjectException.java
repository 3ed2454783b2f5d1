package org.denali.sdk.build;

/** The input is not something that can be built: no such folder, not a guest project, bad denali.properties. */
public class ProjectException extends Exception {
    private static final long serialVersionUID = 1L;

    public ProjectException(String message) {
        super(message);
    }
}
