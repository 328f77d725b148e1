import { Credentials } from 'n8n-core';
import { ICredentialsHelper } from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IHttpRequestOptions,
	INodeCredentialsDetails,
	INodeProperties,
} from 'n8n-workflow';

import { DotloopOAuth2Api } from '../../../../credentials/DotloopOAuth2Api.credentials';

export const CREDENTIAL_TYPE = 'dotloopOAuth2Api';

const credentialType = new DotloopOAuth2Api();

/** What n8n-core wrote back to the credential store (a refreshed token), in order. */
export interface TokenUpdate {
	credentialId: string;
	oauthTokenData: IDataObject;
}

const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** The credential as n8n stores it once connected: the dialog's fields with their defaults, and the token. */
function withDefaults(data: ICredentialDataDecryptedObject): ICredentialDataDecryptedObject {
	const defaults: ICredentialDataDecryptedObject = {};
	for (const property of credentialType.properties) {
		if (property.type !== 'notice') defaults[property.name] = property.default as string;
	}
	return { ...defaults, ...copy(data) };
}

/**
 * n8n's credential store for the tests: serves the Dotloop OAuth2 credential by id, decrypted, to
 * n8n-core (its getCredentials and requestOAuth2 call getDecrypted), and records every token update
 * n8n-core writes after a refresh, as n8n's CredentialsHelper would save it.
 */
export class DotloopCredentialsHelper extends ICredentialsHelper {
	private readonly stored = new Map<string, ICredentialDataDecryptedObject>();

	readonly tokenUpdates: TokenUpdate[] = [];

	/** Stores (or replaces) a connected credential under `id`. */
	set(id: string, data: ICredentialDataDecryptedObject) {
		this.stored.set(id, withDefaults(data));
	}

	/** The stored credential, as n8n would read it from its database. */
	get(id: string): ICredentialDataDecryptedObject {
		const data = this.stored.get(id);
		if (!data) throw new Error(`No credential stored with id ${id}`);
		return copy(data);
	}

	getParentTypes(name: string): string[] {
		return name === CREDENTIAL_TYPE ? [...credentialType.extends] : [];
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	/** OAuth2 credentials are signed by n8n-core's requestOAuth2, not here. */
	async authenticate(
		_credentials: ICredentialDataDecryptedObject,
		_typeName: string,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		return requestOptions;
	}

	async preAuthentication(): Promise<undefined> {
		return undefined;
	}

	async runPreAuthentication(): Promise<undefined> {
		return undefined;
	}

	async getCredentials(nodeCredentials: INodeCredentialsDetails, type: string) {
		return new Credentials({ id: nodeCredentials.id, name: nodeCredentials.name }, type);
	}

	async getDecrypted(
		_additionalData: unknown,
		nodeCredentials: INodeCredentialsDetails,
	): Promise<ICredentialDataDecryptedObject> {
		return this.get(String(nodeCredentials.id));
	}

	async updateCredentials(
		nodeCredentials: INodeCredentialsDetails,
		_type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		this.stored.set(String(nodeCredentials.id), copy(data));
	}

	async updateCredentialsOauthTokenData(
		nodeCredentials: INodeCredentialsDetails,
		_type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		const credentialId = String(nodeCredentials.id);
		const oauthTokenData = copy(data.oauthTokenData) as IDataObject;
		this.tokenUpdates.push({ credentialId, oauthTokenData });
		this.stored.set(credentialId, { ...this.get(credentialId), oauthTokenData });
	}

	getCredentialsProperties(): INodeProperties[] {
		return credentialType.properties;
	}
}
