import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Kafka's own Java consumer for the compression tests: reads every partition of TOPIC from
 * the beginning without a group (assign) and prints each value on its own line, until
 * COUNT records were read or 30 s passed.
 * Usage: CodecConsumer BOOTSTRAP TOPIC COUNT
 */
public class CodecConsumer {
	public static void main(String[] args) {
		Properties props = new Properties();
		props.put("bootstrap.servers", args[0]);
		props.put("enable.auto.commit", "false");
		props.put("auto.offset.reset", "earliest");
		props.put("key.deserializer", StringDeserializer.class.getName());
		props.put("value.deserializer", StringDeserializer.class.getName());
		int wanted = Integer.parseInt(args[2]);
		int read = 0;
		long deadline = System.currentTimeMillis() + 30_000;
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
			List<TopicPartition> partitions = new ArrayList<>();
			for (PartitionInfo info : consumer.partitionsFor(args[1])) {
				partitions.add(new TopicPartition(info.topic(), info.partition()));
			}
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			while (read < wanted && System.currentTimeMillis() < deadline) {
				for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
					System.out.println(record.value());
					read++;
				}
			}
		}
		System.out.flush();
	}
}
