package io.tributary.it.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Module boundaries of the production code, checked on the classes actually on the test classpath. */
@AnalyzeClasses(packages = "io.tributary", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String[] KAFKA_SERVER_PACKAGES = {
        "kafka..",
        "org.apache.kafka.server..",
        "org.apache.kafka.storage..",
        "org.apache.kafka.raft..",
        "org.apache.kafka.metadata..",
        "org.apache.kafka.coordinator.."
    };

    /**
     * kafka-clients itself ships a few public plugin interfaces under org.apache.kafka.server (authorizer, policy,
     * quota, telemetry); those are client API, not broker code, so only classes from other jars count.
     */
    private static final DescribedPredicate<JavaClass> KAFKA_SERVER_CODE =
            JavaClass.Predicates.resideInAnyPackage(KAFKA_SERVER_PACKAGES)
                    .and(DescribedPredicate.describe("not shipped in kafka-clients", ArchitectureTest::notFromKafkaClients));

    @ArchTest
    static final ArchRule noDependencyOnKafkaServerModules = noClasses()
            .that().resideInAPackage("io.tributary..")
            .should().dependOnClassesThat(KAFKA_SERVER_CODE);

    @ArchTest
    static final ArchRule networkIsIndependent = noClasses()
            .that().resideInAPackage("io.tributary.network..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "io.tributary.storage..", "io.tributary.metadata..", "io.tributary.coordinator..",
                    "io.tributary.broker..", "io.tributary.server..");

    @ArchTest
    static final ArchRule storageIsIndependent = noClasses()
            .that().resideInAPackage("io.tributary.storage..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "io.tributary.network..", "io.tributary.metadata..", "io.tributary.broker..", "io.tributary.server..");

    @ArchTest
    static final ArchRule metadataIsIndependent = noClasses()
            .that().resideInAPackage("io.tributary.metadata..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "io.tributary.network..", "io.tributary.storage..", "io.tributary.broker..", "io.tributary.server..");

    @ArchTest
    static final ArchRule coordinatorIsIndependent = noClasses()
            .that().resideInAPackage("io.tributary.coordinator..")
            .should().dependOnClassesThat().resideInAnyPackage("io.tributary.network..", "io.tributary.storage..",
                    "io.tributary.metadata..", "io.tributary.broker..", "io.tributary.server..");

    @ArchTest
    static final ArchRule quorumOnlyKnowsMetadataRecords = noClasses()
            .that().resideInAPackage("io.tributary.quorum..")
            .should().dependOnClassesThat().resideInAnyPackage("io.tributary.network..", "io.tributary.storage..",
                    "io.tributary.coordinator..", "io.tributary.broker..", "io.tributary.server..");

    @ArchTest
    static final ArchRule brokerDoesNotDependOnServer = noClasses()
            .that().resideInAPackage("io.tributary.broker..")
            .should().dependOnClassesThat().resideInAPackage("io.tributary.server..");

    /**
     * The web console sees the cluster only through the official clients and the small interfaces of its
     * {@code console.broker} package, which the server implements: no broker internals.
     */
    @ArchTest
    static final ArchRule consoleKnowsNoBrokerInternals = noClasses()
            .that().resideInAPackage("io.tributary.console..")
            .should().dependOnClassesThat().resideInAnyPackage("io.tributary.broker..", "io.tributary.storage..",
                    "io.tributary.server..", "io.tributary.network..", "io.tributary.metadata..",
                    "io.tributary.coordinator..", "io.tributary.quorum..", "io.tributary.metrics..");

    /** Only the server mounts the console; the broker's modules know nothing of it. */
    @ArchTest
    static final ArchRule onlyTheServerKnowsTheConsole = noClasses()
            .that().resideInAnyPackage("io.tributary.broker..", "io.tributary.storage..", "io.tributary.network..",
                    "io.tributary.metadata..", "io.tributary.coordinator..", "io.tributary.quorum..",
                    "io.tributary.metrics..")
            .should().dependOnClassesThat().resideInAPackage("io.tributary.console..");

    /** Only {@code Partition} (and the manager creating it) touches a partition's log in the broker. */
    @ArchTest
    static final ArchRule partitionIsTheOnlyDoorIntoTheLog = noClasses()
            .that().resideInAnyPackage("io.tributary.broker..", "io.tributary.server..")
            .and().resideOutsideOfPackage("io.tributary.broker.partition")
            .should().dependOnClassesThat().haveFullyQualifiedName("io.tributary.storage.PartitionLog");

    /** PartitionLog's collaborators work on the shared LogState, never back on PartitionLog. */
    @ArchTest
    static final ArchRule logHelpersDoNotKnowPartitionLog = noClasses()
            .that().resideInAPackage("io.tributary.storage")
            .and().haveNameNotMatching("io\\.tributary\\.storage\\.(PartitionLog|LogManager|LogDirCheckpoints)(\\$.*)?")
            .should().dependOnClassesThat().haveFullyQualifiedName("io.tributary.storage.PartitionLog");

    /** The transaction coordinator's handlers work on the shard's TransactionStore, never on the shard. */
    @ArchTest
    static final ArchRule transactionHandlersDoNotKnowTheShard = noClasses()
            .that().resideInAPackage("io.tributary.coordinator.transaction")
            .and().haveNameNotMatching(".*\\.TransactionCoordinator(Shard|Service)(\\$.*)?")
            .should().dependOnClassesThat()
            .haveFullyQualifiedName("io.tributary.coordinator.transaction.TransactionCoordinatorShard");

    /** The metadata controller's parts get their collaborators explicitly and never call back into it. */
    @ArchTest
    static final ArchRule controllerPartsDoNotKnowTheController = noClasses()
            .that().resideInAPackage("io.tributary.metadata..")
            .and().haveNameNotMatching("io\\.tributary\\.metadata\\.MetadataController(\\$.*)?")
            .should().dependOnClassesThat().haveFullyQualifiedName("io.tributary.metadata.MetadataController");

    /**
     * No package cycles: every package is its own slice, so a feature package never needs its parent back (shared
     * types live in packages of their own: {@code broker.api}, {@code storage.api}, {@code metadata.image}, ...).
     */
    @ArchTest
    static final ArchRule packagesAreFreeOfCycles = slices().matching("io.tributary.(**)")
            .should().beFreeOfCycles();

    private static boolean notFromKafkaClients(JavaClass javaClass) {
        return javaClass.getSource()
                .map(source -> !source.getUri().toString().contains("kafka-clients"))
                .orElse(true);
    }
}
