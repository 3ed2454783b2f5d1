package org.denali.ide.ui.wizards;

import java.util.List;

import org.denali.ide.core.GuestProjectCreator;
import org.denali.sdk.templates.ProjectTemplate;
import org.denali.sdk.templates.ProjectTemplates;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.wizard.WizardPage;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;

/** The wizard's one page: project name and SDK template, validated as the user types. */
public class NewGuestProjectPage extends WizardPage {
    private final GuestProjectCreator creator;
    private final List<ProjectTemplate> templates = ProjectTemplates.all();
    private Text nameText;
    private Combo templateCombo;
    private Label templateDescription;

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
        GridLayoutFactory.swtDefaults().numColumns(2).applyTo(body);

        new Label(body, SWT.NONE).setText("&Project name:");
        nameText = new Text(body, SWT.BORDER | SWT.SINGLE);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(nameText);
        nameText.addModifyListener(e -> validate());

        new Label(body, SWT.NONE).setText("&Template:");
        templateCombo = new Combo(body, SWT.READ_ONLY | SWT.DROP_DOWN);
        templates.forEach(t -> templateCombo.add(t.id()));
        templateCombo.select(Math.max(0, indexOf(ProjectTemplates.DEFAULT_TEMPLATE)));
        templateCombo.addModifyListener(e -> validate());
        GridDataFactory.fillDefaults().grab(true, false).applyTo(templateCombo);

        templateDescription = new Label(body, SWT.WRAP);
        GridDataFactory.fillDefaults().span(2, 1).grab(true, false).hint(400, SWT.DEFAULT).applyTo(templateDescription);

        setControl(body);
        validate();
        setErrorMessage(null); // an empty name on an untouched page is not yet an error
        nameText.setFocus();
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
        templateDescription.setText(selected >= 0 ? templates.get(selected).description() : "");
        String problem = creator.validateName(projectName());
        setErrorMessage(problem);
        setPageComplete(problem == null && selected >= 0);
    }

    String projectName() {
        return nameText.getText().trim();
    }

    String templateId() {
        return templates.get(templateCombo.getSelectionIndex()).id();
    }

    /** For UI tests: type a project name as a user would. */
    public void enterProjectName(String name) {
        nameText.setText(name);
    }
}
