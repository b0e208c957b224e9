namespace NodePools.Placement.Models;

/// <summary>
/// Custom resources known to make pods that no model describes: a chart that renders one is warned
/// about by kind, because its pods go unchecked. The API group tells a kind apart from one of the same
/// name (Knative's Service is not core/v1's; CloudNativePG's Cluster is not every Cluster).
/// </summary>
internal static class UnmodelledOperatorKinds
{
    public static readonly IReadOnlyList<UnmodelledKind> All =
    [
        new("Kafka", "kafka.strimzi.io", "Strimzi"),
        new("KafkaNodePool", "kafka.strimzi.io", "Strimzi"),
        new("KafkaConnect", "kafka.strimzi.io", "Strimzi"),
        new("KafkaMirrorMaker2", "kafka.strimzi.io", "Strimzi"),
        new("KafkaBridge", "kafka.strimzi.io", "Strimzi"),
        new("Cluster", "postgresql.cnpg.io", "CloudNativePG"),
        new("Pooler", "postgresql.cnpg.io", "CloudNativePG"),
        new("postgresql", "acid.zalan.do", "the Zalando Postgres operator"),
        new("PostgresCluster", "postgres-operator.crunchydata.com", "Crunchy PGO"),
        new("RayCluster", "ray.io", "KubeRay"),
        new("RayJob", "ray.io", "KubeRay"),
        new("RayService", "ray.io", "KubeRay"),
        new("SparkApplication", "sparkoperator.k8s.io", "the Spark operator"),
        new("ScheduledSparkApplication", "sparkoperator.k8s.io", "the Spark operator"),
        new("FlinkDeployment", "flink.apache.org", "the Flink Kubernetes operator"),
        new("Elasticsearch", "elasticsearch.k8s.elastic.co", "ECK"),
        new("Kibana", "kibana.k8s.elastic.co", "ECK"),
        new("ApmServer", "apm.k8s.elastic.co", "ECK"),
        new("Beat", "beat.k8s.elastic.co", "ECK"),
        new("Agent", "agent.k8s.elastic.co", "ECK"),
        new("Logstash", "logstash.k8s.elastic.co", "ECK"),
        new("EnterpriseSearch", "enterprisesearch.k8s.elastic.co", "ECK"),
        new("ElasticMapsServer", "maps.k8s.elastic.co", "ECK"),
        new("RabbitmqCluster", "rabbitmq.com", "the RabbitMQ cluster operator"),
        new("MongoDBCommunity", "mongodbcommunity.mongodb.com", "the MongoDB community operator"),
        new("RedisCluster", "redis.redis.opstreelabs.in", "the OT-Container-Kit Redis operator"),
        new("RedisReplication", "redis.redis.opstreelabs.in", "the OT-Container-Kit Redis operator"),
        new("VMCluster", "operator.victoriametrics.com", "the VictoriaMetrics operator"),
        new("VMSingle", "operator.victoriametrics.com", "the VictoriaMetrics operator"),
        new("VMAgent", "operator.victoriametrics.com", "the VictoriaMetrics operator"),
        new("VMAlert", "operator.victoriametrics.com", "the VictoriaMetrics operator"),
        new("VMAlertmanager", "operator.victoriametrics.com", "the VictoriaMetrics operator"),
        new("OpenTelemetryCollector", "opentelemetry.io", "the OpenTelemetry operator"),
        new("Grafana", "grafana.integreatly.org", "the Grafana operator"),
        new("KnativeEventing", "operator.knative.dev", "the Knative operator"),
        new("Service", "serving.knative.dev", "Knative Serving"),
        new("Rollout", "argoproj.io", "Argo Rollouts"),
        new("Workflow", "argoproj.io", "Argo Workflows"),
        new("CronWorkflow", "argoproj.io", "Argo Workflows"),
        new("PyTorchJob", "kubeflow.org", "the Kubeflow training operator"),
        new("TFJob", "kubeflow.org", "the Kubeflow training operator"),
        new("MPIJob", "kubeflow.org", "the Kubeflow training operator"),
        new("Notebook", "kubeflow.org", "Kubeflow notebooks"),
        new("ScaledJob", "keda.sh", "KEDA"),
        new("Job", "batch.volcano.sh", "Volcano"),
    ];
}
