import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { GatewayConfig } from '../../gateway.config';

/**
 * The client's address (`req.ip`, which the rate limits key on) is the connection's peer,
 * unless that peer is one of TRUSTED_PROXIES: then it is the address that proxy put in
 * X-Forwarded-For (express's `trust proxy`). A header from anyone else is ignored, so a
 * client cannot pick a fresh address for every request.
 */
@Injectable()
export class TrustedProxies implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(GatewayConfig) private readonly config: GatewayConfig,
  ) {}

  onModuleInit(): void {
    const express = this.adapterHost.httpAdapter?.getInstance<{ set(name: string, value: unknown): void }>();
    const proxies = this.config.TRUSTED_PROXIES.split(',')
      .map((p) => p.trim())
      .filter(Boolean);
    express?.set('trust proxy', proxies.length > 0 ? proxies : false);
  }
}
