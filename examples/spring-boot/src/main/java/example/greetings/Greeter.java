package example.greetings;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Service;

/** The code under test: greets every name that arrives on {@code names} by sending a greeting to {@code greetings}. */
@Service
public class Greeter {

    private final KafkaTemplate<String, String> template;
    private final List<String> greeted = new CopyOnWriteArrayList<>();

    public Greeter(KafkaTemplate<String, String> template) {
        this.template = template;
    }

    @KafkaListener(topics = "names", groupId = "greeter")
    public void onName(String name) {
        template.send("greetings", name, "Hello, " + name + "!");
        greeted.add(name);
    }

    public List<String> greeted() {
        return List.copyOf(greeted);
    }
}
