package com.fairtradeworker.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The GitHub Actions pipeline cannot run here, so its structure is checked instead: the jobs exist, run in the right
 * order, and the production deploy sits behind the approval-gated environment.
 */
class DeploymentWorkflowTest {

    @Test
    void deployWorkflowBuildsTestsPushesAndDeploysBehindApproval() throws IOException {
        Map<String, Object> workflow = workflow("deploy.yml");
        Map<String, Object> jobs = map(workflow.get("jobs"));

        assertThat(jobs).containsKeys("build-and-test", "image", "deploy");
        assertThat(triggers(workflow)).containsKeys("push", "pull_request");

        Map<String, Object> build = map(jobs.get("build-and-test"));
        assertThat(map(build.get("services"))).containsKeys("postgres", "redis");
        assertThat(image(build, "postgres")).isEqualTo("postgres:17");
        assertThat(image(build, "redis")).startsWith("redis:7");
        assertThat(runCommands(build)).anyMatch(command -> command.contains(".ci/run"));

        Map<String, Object> image = map(jobs.get("image"));
        assertThat(image.get("needs")).isEqualTo("build-and-test");
        assertThat((String) image.get("if")).contains("refs/heads/main").contains("push");
        assertThat(uses(image)).anyMatch(action -> action.startsWith("docker/build-push-action"));

        Map<String, Object> deploy = map(jobs.get("deploy"));
        assertThat(deploy.get("needs")).isEqualTo("image");
        assertThat(map(deploy.get("environment")).get("name")).isEqualTo("production");
        assertThat(uses(deploy)).anyMatch(action -> action.startsWith("aws-actions/amazon-ecs-deploy-task-definition"));
        assertThat(map(deploy.get("permissions"))).containsEntry("id-token", "write");
    }

    @Test
    void terraformWorkflowPlansInfrastructureChanges() throws IOException {
        Map<String, Object> workflow = workflow("terraform.yml");
        Map<String, Object> jobs = map(workflow.get("jobs"));

        assertThat(jobs).containsKeys("terraform-checks", "terraform-plan");
        assertThat(map(triggers(workflow).get("pull_request")).get("paths"))
                .asList()
                .contains("infrastructure/terraform/**");
        assertThat(runCommands(map(jobs.get("terraform-checks"))))
                .anyMatch(command -> command.contains("terraform fmt -check"))
                .anyMatch(command -> command.contains("terraform validate"));
        Map<String, Object> plan = map(jobs.get("terraform-plan"));
        assertThat(plan.get("needs")).isEqualTo("terraform-checks");
        assertThat(runCommands(plan)).anyMatch(command -> command.contains("terraform plan"));
    }

    private static Map<String, Object> workflow(String file) throws IOException {
        return map(new Yaml().load(Files.readString(ProjectFiles.resolve(".github/workflows/" + file))));
    }

    /** YAML 1.1 reads the key {@code on} as the boolean true. */
    private static Map<String, Object> triggers(Map<String, Object> workflow) {
        return map(workflow.containsKey("on") ? workflow.get("on") : workflow.get(Boolean.TRUE));
    }

    private static String image(Map<String, Object> job, String service) {
        return (String) map(map(job.get("services")).get(service)).get("image");
    }

    private static List<String> runCommands(Map<String, Object> job) {
        return steps(job).stream()
                .map(step -> (String) step.get("run"))
                .filter(run -> run != null)
                .toList();
    }

    private static List<String> uses(Map<String, Object> job) {
        return steps(job).stream()
                .map(step -> (String) step.get("uses"))
                .filter(action -> action != null)
                .toList();
    }

    private static List<Map<String, Object>> steps(Map<String, Object> job) {
        return ((List<?>) job.get("steps"))
                .stream().map(DeploymentWorkflowTest::map).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }
}
