package org.denali.lang.ui.launch;

/** Ids and attributes of the Denali Deployment launch configuration type. */
public final class DeploymentLaunch {
    public static final String TYPE = "org.denali.lang.ui.deploymentLaunch";
    /** Workspace path of the .denali file, e.g. "/zipf-farm/farm.denali". */
    public static final String FILE = "org.denali.lang.ui.deploymentFile";

    private DeploymentLaunch() {
    }
}
