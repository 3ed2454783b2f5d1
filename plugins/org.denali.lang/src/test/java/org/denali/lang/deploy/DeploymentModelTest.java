package org.denali.lang.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.denali.emulator.kernel.ClockMode;
import org.denali.emulator.kernel.KernelConfig;
import org.denali.emulator.kernel.VmConfig;
import org.denali.lang.check.DenaliLanguages;
import org.denali.lang.check.LanguageChecker;
import org.denali.lang.check.Problem;
import org.denali.lang.deploy.deploy.DeployPackage;
import org.denali.lang.deploy.deploy.Deployment;
import org.denali.lang.deploy.deploy.VmGroup;
import org.denali.lang.deploy.kernel.KernelConfigurations;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EPackage;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.resource.ResourceSet;
import org.eclipse.emf.ecore.resource.impl.ResourceSetImpl;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.emf.ecore.xmi.impl.EcoreResourceFactoryImpl;
import org.eclipse.emf.ecore.xmi.impl.XMIResourceFactoryImpl;
import org.junit.jupiter.api.Test;

/** The example farm as an EMF model: XMI round trip, the metamodel file, and the kernel configuration. */
class DeploymentModelTest {
    static final Path FARM = Path.of("../../examples/zipf-farm/farm.denali");

    private static Deployment loadFarm() throws IOException {
        var resource = LanguageChecker.load(DenaliLanguages.deployment(), FARM, Files.readString(FARM));
        assertEquals(List.of(), resource.getErrors());
        return (Deployment) resource.getContents().get(0);
    }

    @Test
    void theExampleFarmHasNoErrors() throws IOException {
        List<Problem> problems = new LanguageChecker().check(FARM);
        assertEquals(List.of(), problems.stream().filter(p -> p.severity() == Problem.Severity.ERROR)
            .map(Problem::format).toList());
    }

    @Test
    void xmiRoundTripPreservesTheModel() throws IOException {
        Deployment farm = loadFarm();
        ResourceSet set = new ResourceSetImpl();
        set.getResourceFactoryRegistry().getExtensionToFactoryMap().put("xmi", new XMIResourceFactoryImpl());
        Resource xmi = set.createResource(URI.createURI("memory:/farm.xmi"));
        Deployment copy = EcoreUtil.copy(farm);
        xmi.getContents().add(copy);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        xmi.save(bytes, Map.of());
        assertTrue(bytes.toString().contains("http://www.denali.org/lang/deploy"), bytes.toString());

        Resource reread = new ResourceSetImpl().createResource(URI.createURI("memory:/again.xmi"));
        ((org.eclipse.emf.ecore.resource.impl.ResourceImpl) reread).getResourceSet();
        Resource loaded = new XMIResourceFactoryImpl().createResource(URI.createURI("memory:/again.xmi"));
        loaded.load(new ByteArrayInputStream(bytes.toByteArray()), Map.of());
        Deployment back = (Deployment) loaded.getContents().get(0);
        assertTrue(EcoreUtil.equals(copy, back), "XMI round trip changed the model");
        assertEquals(64, back.getGroups().get(0).getCount());
        assertEquals("httpd", back.getWorkloads().get(0).getTargets().get(0).getName());
    }

    @Test
    void theMetamodelIsARealEcoreFile() throws IOException {
        Resource ecore = new EcoreResourceFactoryImpl()
            .createResource(URI.createFileURI(Path.of("model/generated/DenaliDeploy.ecore").toAbsolutePath().toString()));
        ecore.load(Map.of());
        EPackage pkg = (EPackage) ecore.getContents().get(0);
        assertEquals(DeployPackage.eNS_URI, pkg.getNsURI());
        assertTrue(pkg.getEClassifier("VmGroup") != null && pkg.getEClassifier("Workload") != null);
    }

    @Test
    void translatesToTheKernelsConfiguration() throws IOException {
        Deployment farm = loadFarm();
        KernelConfig kernel = KernelConfigurations.kernelConfig(farm);
        assertEquals(ClockMode.DETERMINISTIC, kernel.clockMode());
        assertEquals(100_000, kernel.quantum().instructions());
        assertEquals(false, kernel.synchronousInterrupts());
        VmGroup httpd = farm.getGroups().get(0);
        VmConfig third = KernelConfigurations.vmConfig(httpd, 2);
        assertEquals(8 << 20, third.memorySize());
        assertEquals(8L << 20, third.swapBytes());
        assertEquals(0x5254_0000_1002L, third.nicMac());
        assertEquals(0x0A00_000C, third.nicIpv4());
        assertEquals(0xFFFF_FF00, third.nicNetmask());
        assertEquals(0x0A00_0001, third.nicGateway());
    }
}
