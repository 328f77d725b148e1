export function setInstanceId(id: string): void;
