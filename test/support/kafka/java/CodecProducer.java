import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Kafka's own Java producer for the compression tests: every line of stdin becomes one
 * record of TOPIC (partition PARTITION, or the default partitioner with -1), compressed
 * with CODEC (compression.type), in batches of up to 16 KB as a real producer makes them.
 * Usage: CodecProducer BOOTSTRAP TOPIC CODEC PARTITION
 */
public class CodecProducer {
	public static void main(String[] args) throws Exception {
		Properties props = new Properties();
		props.put("bootstrap.servers", args[0]);
		props.put("compression.type", args[2]);
		props.put("linger.ms", "50");
		props.put("acks", "all");
		props.put("key.serializer", StringSerializer.class.getName());
		props.put("value.serializer", StringSerializer.class.getName());
		int partition = Integer.parseInt(args[3]);
		BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
			String line;
			while ((line = in.readLine()) != null) {
				producer.send(new ProducerRecord<>(args[1], partition < 0 ? null : partition, null, line));
			}
			producer.flush();
		}
	}
}
