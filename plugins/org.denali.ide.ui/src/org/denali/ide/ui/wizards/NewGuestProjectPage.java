package org.denali.ide.ui.wizards;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

import org.denali.ide.core.GuestProjectCreator;
import org.denali.sdk.templates.ProjectTemplate;
import org.denali.sdk.templates.ProjectTemplates;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.wizard.WizardPage;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;

/**
 * The wizard's one page: project name, location and SDK template (with its whole description and files),
 * validated as the user types. The template list is the SDK's catalogue, the same one {@code denali new} offers.
 */
public class NewGuestProjectPage extends WizardPage {
    private final GuestProjectCreator creator;
    private final List<ProjectTemplate> templates = ProjectTemplates.all();
    private Text nameText;
    private Button defaultLocation;
    private Text locationText;
    private Button browse;
    private Combo templateCombo;
    private Text templateDescription;

    NewGuestProjectPage(GuestProjectCreator creator) {
        super("guestProject");
        this.creator = creator;
        setTitle("Denali Guest Project");
        setDescription("Create a guest service that runs in its own Denali virtual machine.");
        setPageComplete(false);
    }

    @Override
    public void createControl(Composite parent) {
        Composite body = new Composite(parent, SWT.NONE);
        GridLayoutFactory.swtDefaults().numColumns(3).applyTo(body);

        new Label(body, SWT.NONE).setText("&Project name:");
        nameText = new Text(body, SWT.BORDER | SWT.SINGLE);
        GridDataFactory.fillDefaults().grab(true, false).span(2, 1).applyTo(nameText);
        nameText.addModifyListener(e -> {
            if (defaultLocation.getSelection()) {
                locationText.setText(defaultLocationFor(projectName()));
            }
            validate();
        });

        defaultLocation = new Button(body, SWT.CHECK);
        defaultLocation.setText("Use &default location");
        defaultLocation.setSelection(true);
        GridDataFactory.fillDefaults().span(3, 1).applyTo(defaultLocation);
        new Label(body, SWT.NONE).setText("&Location:");
        locationText = new Text(body, SWT.BORDER | SWT.SINGLE);
        locationText.setText(defaultLocationFor(""));
        locationText.setEnabled(false);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(locationText);
        locationText.addModifyListener(e -> validate());
        browse = new Button(body, SWT.PUSH);
        browse.setText("B&rowse...");
        browse.setEnabled(false);
        browse.addListener(SWT.Selection, e -> chooseLocation());
        defaultLocation.addListener(SWT.Selection, e -> {
            boolean custom = !defaultLocation.getSelection();
            locationText.setEnabled(custom);
            browse.setEnabled(custom);
            if (!custom) {
                locationText.setText(defaultLocationFor(projectName()));
            }
            validate();
        });

        new Label(body, SWT.NONE).setText("&Template:");
        templateCombo = new Combo(body, SWT.READ_ONLY | SWT.DROP_DOWN);
        templates.forEach(t -> templateCombo.add(t.id()));
        templateCombo.select(Math.max(0, indexOf(ProjectTemplates.DEFAULT_TEMPLATE)));
        templateCombo.addModifyListener(e -> validate());
        GridDataFactory.fillDefaults().grab(true, false).span(2, 1).applyTo(templateCombo);

        // read-only and wrapping, tall enough for the longest description and the file list: nothing is cut off
        templateDescription = new Text(body, SWT.READ_ONLY | SWT.WRAP | SWT.MULTI | SWT.V_SCROLL);
        GridDataFactory.fillDefaults().span(3, 1).grab(true, true).hint(460, 90).applyTo(templateDescription);

        setControl(body);
        validate();
        setErrorMessage(null); // an empty name on an untouched page is not yet an error
        nameText.setFocus();
    }

    private static String defaultLocationFor(String name) {
        return ResourcesPlugin.getWorkspace().getRoot().getLocation().append(name).toOSString();
    }

    private void chooseLocation() {
        DirectoryDialog dialog = new DirectoryDialog(getShell());
        dialog.setMessage("Choose the folder of the new guest project");
        dialog.setFilterPath(locationText.getText());
        String chosen = dialog.open();
        if (chosen != null) {
            locationText.setText(chosen);
        }
    }

    private int indexOf(String templateId) {
        for (int i = 0; i < templates.size(); i++) {
            if (templates.get(i).id().equals(templateId)) {
                return i;
            }
        }
        return -1;
    }

    private void validate() {
        int selected = templateCombo.getSelectionIndex();
        templateDescription.setText(selected >= 0 ? describe(templates.get(selected)) : "");
        String problem = creator.validateName(projectName());
        if (problem == null) {
            problem = locationProblem();
        }
        setErrorMessage(problem);
        setPageComplete(problem == null && selected >= 0);
    }

    static String describe(ProjectTemplate template) {
        return template.description() + "\n\nFiles: " + String.join(", ", template.fileNames());
    }

    private String locationProblem() {
        if (defaultLocation.getSelection()) {
            return null;
        }
        String text = locationText.getText().trim();
        if (text.isEmpty() || !Path.of(text).isAbsolute()) {
            return "Enter the absolute path of the project's folder.";
        }
        IStatus status = ResourcesPlugin.getWorkspace().validateProjectLocationURI(
                ResourcesPlugin.getWorkspace().getRoot().getProject(projectName()), location());
        return status.isOK() ? null : status.getMessage();
    }

    String projectName() {
        return nameText.getText().trim();
    }

    /** Where the project lives on disk, or {@code null} for the workspace's default location. */
    URI location() {
        return defaultLocation.getSelection() ? null : Path.of(locationText.getText().trim()).toUri();
    }

    String templateId() {
        return templates.get(templateCombo.getSelectionIndex()).id();
    }

    /** For UI tests: type a project name as a user would. */
    public void enterProjectName(String name) {
        nameText.setText(name);
    }

    /** For UI tests: choose a template as a user would. */
    public void chooseTemplate(String id) {
        templateCombo.select(indexOf(id));
        validate();
    }

    /** For UI tests: the template ids the page offers, in order. */
    public List<String> offeredTemplates() {
        return List.of(templateCombo.getItems());
    }

    /** For UI tests: what the page says about the chosen template. */
    public String shownDescription() {
        return templateDescription.getText();
    }

    /** For UI tests: type a location outside the workspace as a user would. */
    public void enterLocation(String path) {
        defaultLocation.setSelection(false);
        defaultLocation.notifyListeners(SWT.Selection, null);
        locationText.setText(path);
    }
}
