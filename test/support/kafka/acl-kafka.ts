/**
 * A broker of a test file's own with ACLs, as production clusters run: KRaft's StandardAuthorizer,
 * the harness's PLAINTEXT listener (its principal, ANONYMOUS, is a super user, so setup and the
 * controller work as before) and a SASL_PLAINTEXT listener where SCRAM users (added at format
 * time) have only the ACLs a test grants them.
 */
import {AclOperationTypes, AclPermissionTypes, AclResourceTypes, ResourcePatternTypes} from 'kafkajs';
import type {KafkaCluster} from '../../../tools/kafka/kafka-broker.js';
import {ownKafka, withAdmin} from './test-kafka.js';

const MECHANISM = 'SCRAM-SHA-256';

/** A user's password (test-only, never a secret). */
export function aclPassword(user: string): string {
	return `${user}-Pw-7c1d`;
}

export type AclGrant = {
	user: string;
	resource: 'topic' | 'group';
	name: string;
	/** LITERAL (the name) or PREFIXED (every name that starts with it). */
	pattern?: 'literal' | 'prefixed';
	operations: ReadonlyArray<'READ' | 'DESCRIBE' | 'DELETE'>;
};

export type AclKafka = {
	cluster(): KafkaCluster;
	/** PLAINTEXT, as a super user: for test setup. */
	adminBootstrap(): string;
	/** SASL_PLAINTEXT, where the users' ACLs apply. */
	saslBootstrap(): string;
	/** Allow what `grants` say (and nothing else). */
	allow(grants: readonly AclGrant[]): Promise<void>;
	/** klog-tui's connection flags for `user`, with `cliEnv(user)` for the password. */
	cliArgs(user: string): string[];
	cliEnv(user: string): Record<string, string>;
};

/** Call at the top of a test file: starts the broker before its tests with these SCRAM users. */
export function aclKafka(users: readonly string[]): AclKafka {
	const scramJaas = 'org.apache.kafka.common.security.scram.ScramLoginModule required;';
	const kafka = ownKafka({
		serverProperties: {
			'authorizer.class.name': 'org.apache.kafka.metadata.authorizer.StandardAuthorizer',
			'super.users': 'User:ANONYMOUS',
			'sasl.enabled.mechanisms': MECHANISM,
		},
		formatArgs: users.flatMap((user) => [
			'--add-scram',
			`${MECHANISM}=[name=${user},password=${aclPassword(user)}]`,
		]),
		listeners: [
			{
				name: 'SASL_PLAINTEXT',
				securityProtocol: 'SASL_PLAINTEXT',
				properties: {
					'sasl.enabled.mechanisms': MECHANISM,
					'scram-sha-256.sasl.jaas.config': scramJaas,
				},
			},
		],
	});
	return {
		cluster: kafka,
		adminBootstrap: () => kafka().bootstrap,
		saslBootstrap: () => kafka().listenerBootstrap('SASL_PLAINTEXT'),
		async allow(grants) {
			await withAdmin(kafka().bootstrap, (admin) =>
				admin.createAcls({
					acl: grants.flatMap((grant) =>
						grant.operations.map((operation) => ({
							resourceType: grant.resource === 'topic' ? AclResourceTypes.TOPIC : AclResourceTypes.GROUP,
							resourceName: grant.name,
							resourcePatternType:
								grant.pattern === 'prefixed' ? ResourcePatternTypes.PREFIXED : ResourcePatternTypes.LITERAL,
							principal: `User:${grant.user}`,
							host: '*',
							operation: AclOperationTypes[operation],
							permissionType: AclPermissionTypes.ALLOW,
						})),
					),
				}),
			);
		},
		cliArgs: (user) => [
			'--brokers',
			kafka().listenerBootstrap('SASL_PLAINTEXT'),
			'--sasl-mechanism',
			MECHANISM.toLowerCase(),
			'--username',
			user,
		],
		cliEnv: (user) => ({KLOG_PASSWORD: aclPassword(user)}),
	};
}
